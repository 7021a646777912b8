using System.IO.Compression;
using AuditEngine.Intake;
using AuditEngine.Pipeline;
using AuditEngine.Service.Hosting;

namespace AuditEngine.Service.Processing;

public sealed record IncomingFile(string Name, byte[] Content);

/// <summary>A file or ZIP entry not taken into the batch, and why (in Chinese, for the uploader).</summary>
public sealed record RefusedFile(string Name, string Reason);

public sealed record UnpackedUpload(IReadOnlyList<IncomingFile> Files, IReadOnlyList<RefusedFile> Refused);

/// <summary>
/// Turns uploaded files into the batch's documents. ZIP archives (told from DOCX/XLSX by content, which are ZIPs
/// too) are opened in memory, never extracted to disk, and each entry is judged on its own: a path leaving the
/// batch (../, absolute), a ZIP nested deeper than allowed, or a compression ratio typical of a bomb refuses that
/// entry only. Entry sizes are counted as they are read, not taken from the archive's own (forgeable) header.
/// </summary>
public sealed class UploadUnpacker(UploadLimits limits)
{
    private const long SmallEntryBytes = 1024 * 1024;

    /// <summary>What a request may hold beyond the batch limit: multipart boundaries, part headers, the name field.</summary>
    public const long RequestOverheadBytes = 16 * 1024 * 1024;

    public UnpackedUpload Unpack(IEnumerable<IncomingFile> uploads)
    {
        var files = new List<IncomingFile>();
        var refused = new List<RefusedFile>();
        long total = 0;
        foreach (var upload in uploads) Take(upload, depth: 0, files, refused, ref total);
        return new UnpackedUpload(files, refused);
    }

    private void Take(IncomingFile file, int depth, List<IncomingFile> files, List<RefusedFile> refused, ref long total)
    {
        if (file.Content.Length > limits.MaxFileBytes)
        {
            refused.Add(new RefusedFile(file.Name, $"文件过大：{file.Content.Length:N0} 字节，上限 {limits.MaxFileBytes:N0}"));
            return;
        }
        if (FormatDetector.Detect(file.Content) == FileFormat.Zip)
        {
            if (depth > limits.MaxZipDepth)
            {
                refused.Add(new RefusedFile(file.Name, $"压缩包嵌套过深（超过 {limits.MaxZipDepth} 层），未解压"));
                return;
            }
            OpenArchive(file, depth, files, refused, ref total);
            return;
        }
        if (files.Count >= limits.MaxFiles)
        {
            refused.Add(new RefusedFile(file.Name, $"批次文件数超过上限 {limits.MaxFiles}"));
            return;
        }
        if (total + file.Content.Length > limits.MaxBatchBytes)
        {
            refused.Add(new RefusedFile(file.Name, $"批次总大小超过上限 {limits.MaxBatchBytes:N0} 字节"));
            return;
        }
        total += file.Content.Length;
        files.Add(file);
    }

    private void OpenArchive(IncomingFile archive, int depth, List<IncomingFile> files, List<RefusedFile> refused, ref long total)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(archive.Content), ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            refused.Add(new RefusedFile(archive.Name, $"压缩包已损坏，无法打开：{e.Message}"));
            return;
        }
        using (zip)
        {
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\')) continue; // a folder
                var name = $"{archive.Name}/{entry.FullName}";
                if (!IsInsideBatch(entry.FullName))
                {
                    refused.Add(new RefusedFile(name, "压缩包内路径指向批次之外（../ 或绝对路径），已拒绝"));
                    continue;
                }
                if (InputFiles.IsHidden(entry.Name) || entry.FullName.Contains("__MACOSX/", StringComparison.Ordinal)) continue;
                var content = ReadEntry(entry, name, refused);
                if (content is null) continue;
                Take(new IncomingFile(name, content), depth + 1, files, refused, ref total);
            }
        }
    }

    private static bool IsInsideBatch(string entryPath)
    {
        var path = entryPath.Replace('\\', '/');
        if (path.StartsWith('/') || (path.Length > 1 && path[1] == ':')) return false;
        return !path.Split('/').Any(segment => segment == "..");
    }

    private byte[]? ReadEntry(ZipArchiveEntry entry, string name, List<RefusedFile> refused)
    {
        // The header's sizes decide nothing: a bomb may lie about them. Read at most the limit and measure.
        // Small files may compress very well (a page of blanks), so the ratio counts only past 1 MiB.
        var compressed = Math.Max(entry.CompressedLength, 1);
        var ratioLimit = Math.Max((long)(compressed * limits.MaxCompressionRatio), SmallEntryBytes);
        var limit = Math.Min(limits.MaxFileBytes, ratioLimit);
        try
        {
            using var input = entry.Open();
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > limit)
                {
                    refused.Add(new RefusedFile(name, limit == limits.MaxFileBytes
                        ? $"文件过大：超过上限 {limits.MaxFileBytes:N0} 字节"
                        : $"压缩比异常（超过 {limits.MaxCompressionRatio:0}:1），疑似压缩炸弹，已拒绝"));
                    return null;
                }
            }
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            refused.Add(new RefusedFile(name, $"压缩包条目已损坏：{e.Message}"));
            return null;
        }
    }
}
