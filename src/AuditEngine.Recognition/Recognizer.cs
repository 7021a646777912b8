using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>Recognition's one entry point: maps a layout onto the canonical disclosure model.</summary>
public static class Recognizer
{
    public static Disclosure Recognise(Layout layout)
    {
        var doc = new Disclosure { Source = layout.Source };
        return doc;
    }
}
