namespace AuditEngine.Model;

/// <summary>
/// What intake makes of a file before any budget knowledge is applied: pages, paragraphs and tables
/// in document order. Every reader (text dump, DOCX, PDF, OCR) produces this same shape.
/// </summary>
public sealed class Layout
{
    public required string Source { get; init; }
    /// <summary>The version of the readers that made this layout (see <c>DocumentReader.VersionOf</c>): a stored layout
    /// is reused for re-audits while it is its family's current one, and read again from the file when those readers changed.</summary>
    public string? IntakeVersion { get; set; }
    public List<LayoutPage> Pages { get; } = [];

    /// <summary>Paragraphs and tables in reading order.</summary>
    public List<LayoutBlock> Blocks { get; } = [];

    /// <summary>Things intake could not recover; they become <c>extraction</c> findings.</summary>
    public List<ExtractionNote> Notes { get; } = [];

    public IEnumerable<LayoutTable> Tables => Blocks.OfType<LayoutTable>();
    public IEnumerable<Paragraph> Paragraphs => Blocks.OfType<Paragraph>();
}

public sealed class LayoutPage
{
    public required int Number { get; init; }
    public double Width { get; init; }
    public double Height { get; init; }
    public bool Scanned { get; init; }
    /// <summary>
    /// Degrees (clockwise on screen, about the page centre) the scan was rotated to straighten it before OCR; the
    /// boxes on the page are in that straightened image. 0 for digital pages and straight scans.
    /// </summary>
    public double SkewDegrees { get; init; }
    /// <summary>
    /// The page image OCR read (JPEG, or the uploaded image), kept in memory for evidence crops and stored with the
    /// audit; null for digital pages. Not part of the layout JSON: the store keeps images content-addressed beside it.
    /// </summary>
    public byte[]? Image { get; set; }
}

public abstract class LayoutBlock
{
    /// <summary>1-based page; text inputs have a single page 1.</summary>
    public int Page { get; init; } = 1;
    /// <summary>1-based source line of the block's first line (text inputs), else 0.</summary>
    public int Line { get; init; }
    public BoundingBox? Box { get; init; }
}

public sealed class Paragraph : LayoutBlock
{
    public required string Text { get; init; }
    public double Confidence { get; init; } = 1.0;
    /// <summary>Text as printed (a text layer, DOCX, a text file): OCR gives every paragraph it reads a confidence below 1.</summary>
    public bool IsPrinted => Confidence >= 1.0;
    public override string ToString() => Text;
}

public sealed class LayoutTable : LayoutBlock
{
    /// <summary>Caption lines found just above the table (title, department, unit), nearest last.</summary>
    public List<string> Caption { get; } = [];
    public List<LayoutCell> Cells { get; } = [];
    public int RowCount => Cells.Count == 0 ? 0 : Cells.Max(c => c.Row + c.RowSpan);
    public int ColumnCount => Cells.Count == 0 ? 0 : Cells.Max(c => c.Column + c.ColumnSpan);
    public string? Title { get; set; }

    /// <summary>Rows as lists of cells ordered by column (spanned cells appear once, at their origin).</summary>
    public IReadOnlyList<IReadOnlyList<LayoutCell>> Rows()
    {
        var rows = new List<LayoutCell>[RowCount];
        for (var i = 0; i < rows.Length; i++) rows[i] = [];
        foreach (var c in Cells) rows[c.Row].Add(c);
        foreach (var r in rows) r.Sort((a, b) => a.Column.CompareTo(b.Column));
        return rows;
    }
}

public sealed class LayoutCell
{
    public required int Row { get; init; }
    public required int Column { get; init; }
    public int RowSpan { get; init; } = 1;
    public int ColumnSpan { get; init; } = 1;
    public required string Text { get; init; }
    public int Page { get; init; } = 1;
    public int Line { get; init; }
    public BoundingBox? Box { get; init; }
    public double Confidence { get; init; } = 1.0;
    /// <summary>What the reader says the cell is; only readers that are told (Azure's layout model) set anything but Content.</summary>
    public CellKind Kind { get; init; } = CellKind.Content;
    public override string ToString() => Text;
}

/// <summary>A cell's role as a layout reader reports it (Azure Document Intelligence's <c>kind</c>).</summary>
public enum CellKind
{
    Content,
    ColumnHeader,
    RowHeader,
    /// <summary>The top-left cell above the row headers.</summary>
    StubHead,
    /// <summary>A note or footnote printed inside the table.</summary>
    Description,
}

/// <summary>A note that something in the input could not be read or had to be repaired.</summary>
public sealed record ExtractionNote(string Message, Provenance Provenance, bool Repaired = false) : IHasProvenance
{
    public override string ToString() => Message;
}
