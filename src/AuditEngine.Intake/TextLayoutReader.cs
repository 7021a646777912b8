using AuditEngine.Model;

namespace AuditEngine.Intake;

public static class TextLayoutReader
{
    public static Layout Read(byte[] bytes, string name) => new() { Source = name };
}
