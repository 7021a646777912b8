using System.Buffers;

namespace AuditEngine.Reports;

/// <summary>
/// A CSV file as pieces of one buffer in the order they are to be sent (<see cref="CsvReportWriter.OrderRows"/>): the
/// header with its byte-order mark, then the rows in report order.
/// </summary>
public sealed class ReportOrderedRows(IReadOnlyList<ReadOnlyMemory<byte>> segments)
{
    private const int ChunkSize = 64 * 1024;

    public long Length => segments.Sum(s => (long)s.Length);

    /// <summary>
    /// Writes the pieces gathered into 64 KiB chunks: a response body flushes on every write, and a row is a few hundred
    /// bytes.
    /// </summary>
    public async Task WriteToAsync(Stream output, CancellationToken cancellation = default)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            var used = 0;
            foreach (var segment in segments)
            {
                var rest = segment;
                while (!rest.IsEmpty)
                {
                    var take = Math.Min(rest.Length, ChunkSize - used);
                    rest.Span[..take].CopyTo(chunk.AsSpan(used));
                    used += take;
                    rest = rest[take..];
                    if (used < ChunkSize) continue;
                    await output.WriteAsync(chunk.AsMemory(0, used), cancellation);
                    used = 0;
                }
            }
            if (used > 0) await output.WriteAsync(chunk.AsMemory(0, used), cancellation);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
