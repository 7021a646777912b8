using System.IO.Compression;
using System.Text;

namespace AuditEngine.Tests.Office;

/// <summary>Small real files of formats other than Word and Excel, for detection and rejection tests.</summary>
internal static class OfficeBytes
{
    public static byte[] PlainZip()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open(), Encoding.UTF8);
            writer.Write("不是 Office 文件");
        }
        return stream.ToArray();
    }
}
