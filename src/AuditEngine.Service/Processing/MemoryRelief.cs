using System.Runtime;
using System.Runtime.InteropServices;

namespace AuditEngine.Service.Processing;

/// <summary>
/// Gives memory back to the machine after large transfers. Uploaded files and the blobs audits read are large arrays
/// (the large-object heap), which the GC frees but neither compacts nor returns to the OS while the node is idle, so
/// a node that took a 900 MB upload stayed at gigabytes for good. Once that many bytes have passed through since the
/// last time, one aggressive, compacting collection returns the memory; at that rate its few milliseconds are nothing.
/// Native memory needs its own care: see <see cref="KeepLargeNativeBlocksMapped"/>.
/// </summary>
public sealed class MemoryRelief
{
    /// <summary>Bytes of uploads and documents read between two collections while the node is busy.</summary>
    public const long Threshold = 256L * 1024 * 1024;

    /// <summary>Bytes after which a node that has just become idle collects.</summary>
    public const long IdleThreshold = 16L * 1024 * 1024;

    private long _since;
    private int _busy;

    /// <summary>An audit (or an upload) begins: the node is not idle until it ends.</summary>
    public void Begin() => Interlocked.Increment(ref _busy);

    /// <summary>It ended, having passed <paramref name="bytes"/> through memory.</summary>
    public void End(long bytes) => Count(bytes, idle: Interlocked.Decrement(ref _busy) == 0);

    /// <summary>An upload's file passed through memory (an upload collects only past <see cref="Threshold"/>).</summary>
    public void Passed(long bytes) => Count(bytes, idle: false);

    private void Count(long bytes, bool idle)
    {
        var since = Interlocked.Add(ref _since, bytes);
        if (since < Threshold && !(idle && since >= IdleThreshold)) return;
        Interlocked.Exchange(ref _since, 0);
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>
    /// SQLite copies every blob it reads or writes with malloc (Tesseract and Leptonica allocate whole page images the
    /// same way). glibc serves such large blocks with mmap and unmaps them when freed, but after the first free it
    /// raises its mmap threshold to that block's size, so every later blob lands in its heaps, which it keeps: a node
    /// that took a 900 MB upload kept ~300 MiB of freed native memory for good (bench --upload-memory). Fixing the
    /// threshold at 1 MiB keeps blobs and page images mapped and returned as soon as they are freed (the same figures
    /// as glibc's initial 128 KiB), while OCR's many smaller blocks stay in the heaps, reused without page faults.
    /// Called once at start; a no-op off glibc.
    /// </summary>
    public static void KeepLargeNativeBlocksMapped()
    {
        if (!OperatingSystem.IsLinux()) return;
        const int MmapThreshold = -3; // M_MMAP_THRESHOLD in malloc.h
        try { MallOpt(MmapThreshold, 1024 * 1024); }
        catch (DllNotFoundException) { }
        catch (EntryPointNotFoundException) { /* musl: it returns freed mappings anyway */ }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);
}
