using AuditEngine.Model;

namespace AuditEngine.Intake;

/// <summary>
/// Intake's one entry point: a file in, a <see cref="Layout"/> out. The reader is chosen by content, not extension.
/// </summary>
public static class DocumentReader
{
    public static Layout Read(string path)
    {
        if (!File.Exists(path)) throw new IntakeException(path, "文件不存在");
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    public static Layout Read(Stream stream, string name)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        if (bytes.Length == 0) throw new IntakeException(name, "文件为空（0 字节）");
        return TextLayoutReader.Read(bytes, name);
    }
}
