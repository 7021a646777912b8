using System.Text;
using Xunit;

namespace AuditEngine.TestSupport;

/// <summary>A minimal RFC 4180 reader, so tests read exports the way a spreadsheet would (shared by the test projects).</summary>
internal static class Csv
{
    /// <summary>Every record, as fields; a leading byte-order mark is skipped.</summary>
    public static List<List<string>> Parse(string text)
    {
        text = text.TrimStart('\uFEFF');
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
                record.Add(field.ToString()); field.Clear();
                records.Add(record); record = [];
            }
            else field.Append(ch);
        }
        Assert.False(quoted, "unterminated quoted field");
        Assert.Equal(0, field.Length + record.Count);
        return records;
    }

    /// <summary>The header and every later record by its header's names.</summary>
    public static (List<string> Header, List<IReadOnlyDictionary<string, string>> Rows) Read(string text)
    {
        var records = Parse(text);
        var header = records[0];
        return (header, records.Skip(1).Select(record =>
        {
            Assert.Equal(header.Count, record.Count);
            return (IReadOnlyDictionary<string, string>)header.Select((h, i) => (h, v: record[i])).ToDictionary(x => x.h, x => x.v);
        }).ToList());
    }

    /// <summary>The records after the header, each by the header's names.</summary>
    public static List<IReadOnlyDictionary<string, string>> Rows(string text) => Read(text).Rows;
}
