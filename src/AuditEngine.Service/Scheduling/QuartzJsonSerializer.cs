using System.Collections.Specialized;
using System.Text.Json;
using Quartz;
using Quartz.Spi;

namespace AuditEngine.Service.Scheduling;

/// <summary>
/// Quartz's ADO job store keeps job data through a serializer; its binary one needs BinaryFormatter (gone from .NET)
/// and the JSON package is not available here. Our jobs carry only strings, so string maps are all this handles;
/// anything else is refused loudly rather than stored half-understood.
/// </summary>
public sealed class QuartzJsonSerializer : IObjectSerializer
{
    public void Initialize() { }

    public byte[] Serialize<T>(T obj) where T : class => obj switch
    {
        JobDataMap map => JsonSerializer.SerializeToUtf8Bytes(map.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString())),
        NameValueCollection values => JsonSerializer.SerializeToUtf8Bytes(values.AllKeys.OfType<string>().ToDictionary(k => k, k => values[k])),
        _ => throw new NotSupportedException($"作业数据只能是字符串表 job data must be a string map, not {typeof(T).Name}"),
    };

    public T? DeSerialize<T>(byte[] data) where T : class
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(data) ?? [];
        if (typeof(T) == typeof(JobDataMap) || typeof(T).IsAssignableFrom(typeof(JobDataMap)))
        {
            var map = new JobDataMap();
            foreach (var (key, value) in values) map.Put(key, value!);
            return (T)(object)map;
        }
        if (typeof(T) == typeof(NameValueCollection))
        {
            var collection = new NameValueCollection();
            foreach (var (key, value) in values) collection[key] = value;
            return (T)(object)collection;
        }
        throw new NotSupportedException($"作业数据只能是字符串表 job data must be a string map, not {typeof(T).Name}");
    }
}
