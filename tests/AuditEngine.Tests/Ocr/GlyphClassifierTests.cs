using AuditEngine.Intake.Ocr;
using AuditEngine.Intake.Raster;

namespace AuditEngine.Tests.Ocr;

/// <summary>
/// Single glyphs and the edges of 指标值 cells, rendered in the serif CJK face (the 宋体 look of most printed tables)
/// at the size of a 10.5 pt table font at 300 dpi, with scanner-like noise.
/// </summary>
public sealed class GlyphClassifierTests
{
    private const string SerifFont = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";

    [Theory]
    [InlineData("≥")]
    [InlineData("≤")]
    [InlineData("%")]
    [InlineData("=")]
    [InlineData("元")]
    [InlineData("个")]
    [InlineData("5")]
    [InlineData("7")]
    public void A_cell_holding_one_glyph_is_read_by_template(string glyph)
    {
        Assert.True(GlyphClassifier.IsAvailable, "fonts-noto-cjk and libfreetype6 are needed for glyph templates");
        var read = GlyphClassifier.Classify(Cell(glyph));
        Assert.NotNull(read);
        Assert.Equal(glyph, read.Text);
        Assert.True(read.Confidence >= 0.85);
    }

    [Theory]
    [InlineData("95")]
    [InlineData("工作")]
    [InlineData("次数")]
    public void A_cell_with_several_glyphs_is_left_to_tesseract(string text) =>
        Assert.Null(GlyphClassifier.Classify(Cell(text)));

    [Theory]
    [InlineData("≥95%", "295%", "≥95%")]
    [InlineData("≥90%", "之90%", "≥90%")]
    [InlineData("≤30天", "和30天", "≤30天")]
    [InlineData("100%", "1009%", "100%")]
    [InlineData("19%", "19%", "19%")]
    [InlineData("295%", "295%", "295%")]
    public void Operators_and_percent_misread_at_the_edges_are_repaired(string printed, string ocr, string expected) =>
        Assert.Equal(expected, GlyphClassifier.RepairEdges(Cell(printed), ocr));

    [Theory]
    [InlineData("113.55")]
    [InlineData("4,230.21")]
    [InlineData("-3.57")]
    [InlineData("17")]
    [InlineData("31")]
    [InlineData("1.25")]
    [InlineData("95%")]
    [InlineData("≥90%")]
    [InlineData("≤100%")]
    [InlineData("=100%")]
    [InlineData("≤15.87万元")]
    [InlineData("≥2次")]
    public void A_figure_is_read_glyph_by_glyph(string figure)
    {
        var read = GlyphClassifier.ReadFigure(Cell(figure));
        Assert.NotNull(read);
        Assert.Equal(figure, read.Text);
        Assert.True(read.Confidence >= 0.85);
    }

    [Theory]
    [InlineData("132, 465. 29")]
    [InlineData("89. 43")]
    [InlineData("100 70")]
    public void A_space_printed_inside_a_figure_is_kept(string figure) =>
        Assert.Equal(figure, GlyphClassifier.ReadFigure(Cell(figure.Replace(" ", ""), spaceAfter: figure.Select((c, i) => (c, i)).Where(p => p.c == ' ').Select(p => p.i - 1 - figure[..p.i].Count(ch => ch == ' ')).ToHashSet()))?.Text);

    [Theory]
    [InlineData("100%", "100|%")]
    [InlineData("≥90%", "≥|9|0|%")]
    [InlineData("≥85%", "≥8|5%")]
    public void A_figure_wrapped_in_a_narrow_column_is_read_line_by_line(string figure, string lines)
    {
        var parts = lines.Split('|').Select(Cell).ToList();
        var cell = new GrayImage(parts.Max(p => p.Width), parts.Sum(p => p.Height));
        cell.Pixels.AsSpan().Fill(255);
        var top = 0;
        foreach (var part in parts)
        {
            for (var y = 0; y < part.Height; y++) part.Pixels.AsSpan(y * part.Width, part.Width).CopyTo(cell.Pixels.AsSpan((top + y) * cell.Width));
            top += part.Height;
        }
        Assert.Equal(figure, GlyphClassifier.ReadFigure(cell)?.Text);
    }

    [Theory]
    [InlineData("工作")]
    [InlineData("≥30工作日")]
    [InlineData("元")]
    [InlineData("万元30")]
    public void A_cell_that_is_not_only_a_figure_is_left_to_tesseract(string text) =>
        Assert.Null(GlyphClassifier.ReadFigure(Cell(text)));

    [Theory]
    [InlineData("工作", true)]
    [InlineData("≥30工作日", true)]
    [InlineData("项目支出", true)]
    [InlineData("113.55", false)]
    [InlineData("4,230.21", false)]
    [InlineData("≥90%", false)]
    [InlineData("100%", false)]
    [InlineData("≤15", false)]
    [InlineData("2101199", false)]
    public void Han_print_is_told_from_figures_by_glyph_shape(string text, bool han) =>
        Assert.Equal(han, GlyphClassifier.PrintsHan(Cell(text)));

    [Theory]
    [InlineData("1,25", "1.25")]
    [InlineData("113,55", "113.55")]
    [InlineData("4,230.21", "4,230.21")]
    [InlineData("1,234", "1,234")]
    [InlineData("1,234,567.00", "1,234,567.00")]
    [InlineData("12,3456", "12.3456")]
    public void A_mark_followed_by_other_than_three_digits_is_a_point(string marks, string expected) =>
        Assert.Equal(expected, GlyphClassifier.Punctuate(marks));

    [Fact]
    public void A_plainly_printed_comma_is_kept_whatever_follows()
    {
        Assert.Equal("1,11", GlyphClassifier.Punctuate("1" + GlyphClassifier.SureComma + "11"));
        Assert.Equal("1,234,567.00", GlyphClassifier.Punctuate("1," + "234" + GlyphClassifier.SureComma + "567.00"));
        Assert.Equal("1,11", GlyphClassifier.ReadFigure(Cell("1,11"))?.Text);
    }

    /// <summary>The text on one line, glyphs a few pixels apart, in a white cell with noise of σ≈6 like the generator's scans.</summary>
    private static GrayImage Cell(string text) => Cell(text, []);

    /// <summary>As <see cref="Cell(string)"/>, with a space's width (0.25 em) after the glyphs at <paramref name="spaceAfter"/>.</summary>
    private static GrayImage Cell(string text, HashSet<int> spaceAfter)
    {
        var glyphs = FreeType.Render(SerifFont, 2, text, 44);
        Assert.Equal(text.Length, glyphs.Count);
        const int baseline = 50;
        var width = glyphs.Sum(g => g.Image.Width + 5) + 11 * spaceAfter.Count + 30;
        var cell = new GrayImage(width, 80);
        cell.Pixels.AsSpan().Fill(255);
        var x = 15;
        var random = new Random(7);
        for (var k = 0; k < glyphs.Count; k++)
        {
            var (character, image) = glyphs[k];
            // Operators and % sit on the baseline's middle, Han and digits on it: align bottoms except for = ≥ ≤.
            // A comma hangs below the baseline and a minus sits at mid-height.
            var top = character switch
            {
                '=' or '≥' or '≤' => baseline - 28,
                ',' => baseline - image.Height / 3,
                '-' => baseline - 16,
                _ => baseline - image.Height,
            };
            for (var y = 0; y < image.Height; y++)
                for (var gx = 0; gx < image.Width; gx++)
                    cell[x + gx, top + y] = Math.Min(cell[x + gx, top + y], image[gx, y]);
            x += image.Width + 5 + (spaceAfter.Contains(k) ? 11 : 0);
        }
        for (var i = 0; i < cell.Pixels.Length; i++)
            cell.Pixels[i] = (byte)Math.Clamp(cell.Pixels[i] + (int)Math.Round((random.NextDouble() - 0.5) * 12), 0, 255);
        return cell;
    }
}
