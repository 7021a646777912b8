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
        var session = Begin();
        var files = uploads.SelectMany(session.Take).ToList();
        return new UnpackedUpload(files, session.Refused);
    }

    /// <summary>An upload taken file by file, so that only one file (and its archive's entries) is in memory at a time.</summary>
    public Session Begin() => new(this);

    /// <summary>The batch limits count across every file of one upload.</summary>
    public sealed class Session(UploadUnpacker unpacker)
    {
        private readonly List<RefusedFile> _refused = [];
        private long _total;
        private int _accepted;

        public IReadOnlyList<RefusedFile> Refused => _refused;

        /// <summary>The batch's files in one upload (itself, or an archive's entries); what is refused is kept in <see cref="Refused"/>.</summary>
        public IReadOnlyList<IncomingFile> Take(IncomingFile upload)
        {
            var files = new List<IncomingFile>();
            unpacker.Take(upload, depth: 0, files, _refused, ref _total, ref _accepted);
            return files;
        }

        /// <summary>Records a file refused while it was streamed in: over the per-file limit after <paramref name="bytes"/>.</summary>
        public void RefuseTooLarge(string name, long bytes) => _refused.Add(new RefusedFile(name, unpacker.TooLarge(bytes, atLeast: true)));
    }

    /// <summary>The refusal of a file over the per-file limit.</summary>
    private string TooLarge(long bytes, bool atLeast = false) =>
        $"文件过大：{(atLeast ? "超过 " : "")}{bytes:N0} 字节，上限 {limits.MaxFileBytes:N0}";

    private void Take(IncomingFile file, int depth, List<IncomingFile> files, List<RefusedFile> refused, ref long total, ref int accepted)
    {
        if (file.Content.Length > limits.MaxFileBytes)
        {
            refused.Add(new RefusedFile(file.Name, TooLarge(file.Content.Length)));
            return;
        }
        if (FormatDetector.Detect(file.Content) == FileFormat.Zip)
        {
            if (depth > limits.MaxZipDepth)
            {
                refused.Add(new RefusedFile(file.Name, $"压缩包嵌套过深（超过 {limits.MaxZipDepth} 层），未解压"));
                return;
            }
            OpenArchive(file, depth, files, refused, ref total, ref accepted);
            return;
        }
        if (accepted >= limits.MaxFiles)
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
        accepted++;
        files.Add(file);
    }

    private void OpenArchive(IncomingFile archive, int depth, List<IncomingFile> files, List<RefusedFile> refused, ref long total, ref int accepted)
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
            // Thousands of tiny entries cost time and a refusal each: an archive past the file limit is refused whole.
            var fileEntries = zip.Entries.Count(e => !e.FullName.EndsWith('/') && !e.FullName.EndsWith('\\'));
            if (fileEntries > limits.MaxFiles)
            {
                refused.Add(new RefusedFile(archive.Name, $"压缩包条目过多：{fileEntries:N0} 个，上限 {limits.MaxFiles:N0}，未解压 too many entries"));
                return;
            }
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
                Take(new IncomingFile(name, content), depth + 1, files, refused, ref total, ref accepted);
            }
        }
    }

    private string Bomb(double ratio, string atLeast) =>
        $"疑似压缩炸弹：压缩比 {atLeast}{ratio:0}:1，超过上限 {limits.MaxCompressionRatio:0}:1，未解压 zip bomb refused";

    private static bool IsInsideBatch(string entryPath)
    {
        var path = entryPath.Replace('\\', '/');
        if (path.StartsWith('/') || (path.Length > 1 && path[1] == ':')) return false;
        return !path.Split('/').Any(segment => segment == "..");
    }

    private byte[]? ReadEntry(ZipArchiveEntry entry, string name, List<RefusedFile> refused)
    {
        var compressed = Math.Max(entry.CompressedLength, 1);
        // A bomb made by ordinary tools says what it is: refused from its header, without inflating a byte.
        if (entry.Length > SmallEntryBytes && (double)entry.Length / compressed > limits.MaxCompressionRatio)
        {
            refused.Add(new RefusedFile(name, Bomb((double)entry.Length / compressed, "")));
            return null;
        }
        // A header may lie, so it decides nothing else: read at most the limit and measure. Small files may compress
        // very well (a page of blanks), so the ratio counts only past 1 MiB.
        var ratioLimit = Math.Max((long)(compressed * limits.MaxCompressionRatio), SmallEntryBytes);
        try
        {
            using var input = entry.Open();
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > ratioLimit)
                {
                    refused.Add(new RefusedFile(name, Bomb((double)output.Length / compressed, "至少 at least ")));
                    return null;
                }
                if (output.Length > Math.Max(entry.Length, 0) && entry.Length < ratioLimit)
                {
                    // More came out than the header declared: a forged header hiding a bomb.
                    refused.Add(new RefusedFile(name,
                        $"疑似压缩炸弹：解压内容超过条目声明的 {entry.Length:N0} 字节（头部被篡改），未解压 forged zip entry size"));
                    return null;
                }
                if (output.Length > limits.MaxFileBytes)
                {
                    refused.Add(new RefusedFile(name, $"文件过大：解压后超过上限 {limits.MaxFileBytes:N0} 字节 file too large"));
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
