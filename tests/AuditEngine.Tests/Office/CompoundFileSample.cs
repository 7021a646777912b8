using System.Buffers.Binary;
using System.Text;

namespace AuditEngine.Tests.Office;

/// <summary>
/// A minimal OLE2 compound file ([MS-CFB], version 3): header, one FAT sector, one directory sector with a root entry
/// and the given stream names. Enough for format detection, which only reads the directory.
/// </summary>
internal static class CompoundFileSample
{
    public static byte[] With(params string[] streams)
    {
        const int sector = 512;
        var file = new byte[sector * 3];
        var header = file.AsSpan(0, sector);
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x18..], 0x3E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1A..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1C..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1E..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x20..], 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x2C..], 1); // one FAT sector
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x30..], 1); // directory starts at sector 1
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x38..], 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x3C..], 0xFFFFFFFE);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x44..], 0xFFFFFFFE);
        for (var i = 0; i < 109; i++) BinaryPrimitives.WriteUInt32LittleEndian(header[(0x4C + i * 4)..], i == 0 ? 0u : 0xFFFFFFFF);

        var fat = file.AsSpan(sector, sector);
        for (var i = 0; i < sector / 4; i++) BinaryPrimitives.WriteUInt32LittleEndian(fat[(i * 4)..], 0xFFFFFFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(fat, 0xFFFFFFFD);        // sector 0 holds the FAT
        BinaryPrimitives.WriteUInt32LittleEndian(fat[4..], 0xFFFFFFFE);   // sector 1 (directory) ends its chain

        var names = new[] { "Root Entry" }.Concat(streams).Take(4).ToArray();
        for (var e = 0; e < names.Length; e++)
        {
            var entry = file.AsSpan(sector * 2 + e * 128, 128);
            var name = Encoding.Unicode.GetBytes(names[e]);
            name.CopyTo(entry);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[0x40..], (ushort)(name.Length + 2));
            entry[0x42] = (byte)(e == 0 ? 5 : 2);
        }
        return file;
    }
}
