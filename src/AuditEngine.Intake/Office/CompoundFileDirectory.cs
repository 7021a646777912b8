using System.Buffers.Binary;
using System.Text;

namespace AuditEngine.Intake.Office;

/// <summary>
/// Lists the entry names of an OLE2 compound file ([MS-CFB]) — enough to tell a .doc (WordDocument stream) from an
/// .xls (Workbook stream) or an encrypted OOXML package (EncryptedPackage) without a COM library. Reads only the
/// header, the FAT and the directory chain, with bounds checks throughout because uploads may be truncated.
/// </summary>
internal static class CompoundFileDirectory
{
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint MaxRegularSector = 0xFFFFFFFA;
    private const int HeaderDifatEntries = 109;
    private const int DirectoryEntrySize = 128;

    /// <summary>Names of all storages and streams, or null when the header or directory cannot be read.</summary>
    public static IReadOnlyList<string>? StreamNames(byte[] file)
    {
        if (file.Length < 512) return null;
        var shift = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(0x1E));
        if (shift is not (9 or 12)) return null;
        var sectorSize = 1 << shift;
        var fat = ReadFat(file, sectorSize);
        var firstDirectorySector = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(0x30));

        var names = new List<string>();
        foreach (var sector in Chain(firstDirectorySector, fat))
        {
            var offset = SectorOffset(sector, sectorSize);
            if (offset < 0 || offset + sectorSize > file.Length) break;
            for (var e = 0; e < sectorSize / DirectoryEntrySize; e++)
            {
                var entry = file.AsSpan((int)offset + e * DirectoryEntrySize, DirectoryEntrySize);
                var nameBytes = BinaryPrimitives.ReadUInt16LittleEndian(entry[0x40..]);
                var type = entry[0x42];
                if (type == 0 || nameBytes < 2 || nameBytes > 64) continue;
                names.Add(Encoding.Unicode.GetString(entry[..(nameBytes - 2)]));
            }
        }
        return names.Count == 0 ? null : names;
    }

    /// <summary>The sector chain from <paramref name="start"/>, stopping at the end marker, a loop or a bad index.</summary>
    private static IEnumerable<uint> Chain(uint start, uint[] fat)
    {
        var seen = new HashSet<uint>();
        for (var s = start; s <= MaxRegularSector && seen.Add(s); s = s < fat.Length ? fat[s] : EndOfChain)
            yield return s;
    }

    private static uint[] ReadFat(byte[] file, int sectorSize)
    {
        var fatSectors = new List<uint>();
        for (var i = 0; i < HeaderDifatEntries; i++)
            AddIfRegular(fatSectors, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(0x4C + i * 4)));

        // Files over ~7 MB (512-byte sectors) list further FAT sectors in a chain of DIFAT sectors.
        var difat = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(0x44));
        var seen = new HashSet<uint>();
        while (difat <= MaxRegularSector && seen.Add(difat))
        {
            var offset = SectorOffset(difat, sectorSize);
            if (offset < 0 || offset + sectorSize > file.Length) break;
            var perSector = sectorSize / 4 - 1;
            for (var i = 0; i < perSector; i++)
                AddIfRegular(fatSectors, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)offset + i * 4)));
            difat = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)offset + perSector * 4));
        }

        var fat = new List<uint>();
        foreach (var sector in fatSectors)
        {
            var offset = SectorOffset(sector, sectorSize);
            if (offset < 0 || offset + sectorSize > file.Length) break;
            for (var i = 0; i < sectorSize / 4; i++)
                fat.Add(BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)offset + i * 4)));
        }
        return fat.ToArray();
    }

    private static void AddIfRegular(List<uint> list, uint sector)
    {
        if (sector <= MaxRegularSector) list.Add(sector);
    }

    /// <summary>Byte offset of a sector (the header occupies the first sector slot), or -1 if it cannot fit in a file.</summary>
    private static long SectorOffset(uint sector, int sectorSize)
    {
        var offset = ((long)sector + 1) * sectorSize;
        return offset > int.MaxValue ? -1 : offset;
    }
}
