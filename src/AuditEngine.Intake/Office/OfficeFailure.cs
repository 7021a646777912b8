using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace AuditEngine.Intake.Office;

/// <summary>The Chinese messages for Office files that cannot be opened, shared by the Word and Excel readers.</summary>
internal static class OfficeFailure
{
    public static IntakeException Damaged(string name, string kind, Exception? inner = null) =>
        new(name, $"{kind} 文件损坏或已加密，无法读取", inner);

    /// <summary>
    /// A password-protected DOCX/XLSX is not a ZIP but an OLE2 file; OpenXml would only say "not a package", so the
    /// reader says what the reviewer can act on (ask the department for an unprotected copy).
    /// </summary>
    public static void RejectNonPackage(byte[] bytes, string name, string kind)
    {
        switch (FormatDetector.Detect(bytes))
        {
            case FileFormat.EncryptedOffice:
                throw new IntakeException(name, $"{kind} 文件设置了打开密码（已加密），无法读取，请索取未加密的文件");
            case FileFormat.Empty:
                throw new IntakeException(name, "文件为空（0 字节）");
        }
    }

    /// <summary>Exceptions OpenXml and System.IO.Packaging raise for damaged packages (as opposed to our own faults).</summary>
    public static bool IsDamage(Exception ex) =>
        ex is OpenXmlPackageException or InvalidDataException or FormatException or XmlException or IOException
            or InvalidOperationException or NotSupportedException or ArgumentException;
}
