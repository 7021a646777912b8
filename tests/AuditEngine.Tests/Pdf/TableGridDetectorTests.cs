using AuditEngine.Intake.Raster;

namespace AuditEngine.Tests.Pdf;

public class TableGridDetectorTests
{
    // A 6 × 4 grid: the top-left cell spans two rows, the header cell over columns 1–2 spans two columns.
    private static readonly int[] RowYs = [300, 380, 440, 500, 560, 620, 680];
    private static readonly int[] ColumnXs = [150, 600, 850, 1100, 1400];

    [Fact]
    public void Finds_rows_columns_and_merged_cells_on_a_clean_grid()
    {
        var table = Assert.Single(TableGridDetector.Detect(Draw(skewDegrees: 0, shearOnly: false, noise: 0)));
        AssertGrid(table);
    }

    [Theory]
    [InlineData(1.2, false, 0.01)]
    [InlineData(-1.5, false, 0.02)]
    [InlineData(1.0, true, 0.01)]
    [InlineData(-0.6, false, 0.03)]
    public void Survives_noise_and_residual_skew(double degrees, bool shearOnly, double noise)
    {
        var image = Draw(degrees, shearOnly, noise);
        var table = Assert.Single(TableGridDetector.Detect(image));
        AssertGrid(table, degrees, shearOnly);
    }

    [Fact]
    public void A_page_of_text_has_no_table()
    {
        var image = Blank(1700, 2200);
        var random = new Random(7);
        for (var line = 0; line < 40; line++)
            for (var ch = 0; ch < 35; ch++)
                Glyph(image, 150 + ch * 40, 200 + line * 45, random);
        Assert.Empty(TableGridDetector.Detect(image));
    }

    [Fact]
    public void Large_print_across_a_fold_shadow_is_no_table()
    {
        // A scanned cover: the fold's dark line down the middle of the page, and a title in large print whose
        // horizontal strokes (≈ 150 px at 300 dpi) cross it. Together they make one-row "grids" of garbage.
        var image = Blank(2480, 3508);
        Line(image, 1240, 0, 1240, 3507, 6);
        foreach (var y in new[] { 1000, 1060, 1300, 1360 })
            Line(image, 1100, y, 1250, y, 12);
        Assert.Empty(TableGridDetector.Detect(image));
    }

    private static void AssertGrid(DetectedTable table, double degrees = 0, bool shearOnly = false)
    {
        Assert.Equal(6, table.RowCount);
        Assert.Equal(4, table.ColumnCount);
        Assert.Equal(22, table.Cells.Count);
        var header = Assert.Single(table.Cells, c => c.Row == 0 && c.Column == 1);
        Assert.Equal(2, header.ColumnSpan);
        Assert.Equal(1, header.RowSpan);
        var corner = Assert.Single(table.Cells, c => c.Row == 0 && c.Column == 0);
        Assert.Equal(2, corner.RowSpan);
        Assert.Equal(1, corner.ColumnSpan);
        Assert.All(table.Cells.Where(c => c != header && c != corner), c => Assert.Equal((1, 1), (c.RowSpan, c.ColumnSpan)));
        // Lines within a few pixels of where they were drawn, measured through the table centre of the skewed image.
        var slope = Math.Tan(degrees * Math.PI / 180);
        var (cx, cy) = ((ColumnXs[0] + ColumnXs[^1]) / 2.0, (RowYs[0] + RowYs[^1]) / 2.0);
        for (var i = 0; i < RowYs.Length; i++)
        {
            var expected = shearOnly ? RowYs[i] : RowYs[i] - (cx - 850) * slope;
            Assert.InRange(table.RowLines[i], expected - 6, expected + 6);
        }
        for (var i = 0; i < ColumnXs.Length; i++)
        {
            var expected = ColumnXs[i] + (cy - 1100) * slope;
            Assert.InRange(table.ColumnLines[i], expected - 6, expected + 6);
        }
    }

    /// <summary>Draws the grid at 200 dpi, with glyph-like blobs in cells, then skews it and sprinkles noise.</summary>
    private static GrayImage Draw(double skewDegrees, bool shearOnly, double noise)
    {
        var straight = Blank(1700, 2200);
        var random = new Random(42);
        for (var r = 0; r < RowYs.Length; r++)
        {
            var y = RowYs[r];
            for (var c = 0; c + 1 < ColumnXs.Length; c++)
            {
                // Missing ruling under the rowspan cell (row line 1, column 0).
                if (r == 1 && c == 0) continue;
                Line(straight, ColumnXs[c], y, ColumnXs[c + 1], y, thickness: 2 + r % 2);
            }
        }
        for (var c = 0; c < ColumnXs.Length; c++)
        {
            var x = ColumnXs[c];
            for (var r = 0; r + 1 < RowYs.Length; r++)
            {
                // Missing ruling inside the colspan header cell (column line 2, row 0).
                if (c == 2 && r == 0) continue;
                Line(straight, x, RowYs[r], x, RowYs[r + 1], thickness: 2);
            }
        }
        // Text in cells, including one centred across the missing separator of the merged header.
        for (var r = 0; r + 1 < RowYs.Length; r++)
            for (var c = 0; c + 1 < ColumnXs.Length; c++)
                for (var k = 0; k < 4; k++) Glyph(straight, ColumnXs[c] + 20 + k * 36, RowYs[r] + 12, random);
        for (var k = 0; k < 4; k++) Glyph(straight, 780 + k * 36, 312, random);

        var slope = Math.Tan(skewDegrees * Math.PI / 180);
        var skewed = Blank(straight.Width, straight.Height);
        for (var y = 0; y < skewed.Height; y++)
        {
            for (var x = 0; x < skewed.Width; x++)
            {
                // Shifting rows tilts verticals; a rotation also shifts columns, tilting horizontals.
                var sx = (int)Math.Round(x - (y - 1100) * slope);
                var sy = shearOnly ? y : (int)Math.Round(y + (x - 850) * slope);
                if (sx >= 0 && sx < straight.Width && sy >= 0 && sy < straight.Height) skewed[x, y] = straight[sx, sy];
            }
        }
        for (var i = 0; i < skewed.Pixels.Length; i++)
        {
            var roll = random.NextDouble();
            if (roll < noise) skewed.Pixels[i] = (byte)random.Next(0, 90);
            else if (roll < noise * 3 && skewed.Pixels[i] < 128) skewed.Pixels[i] = 255;
            else skewed.Pixels[i] = (byte)Math.Clamp(skewed.Pixels[i] + random.Next(-25, 26), 0, 255);
        }
        return skewed;
    }

    private static GrayImage Blank(int width, int height)
    {
        var image = new GrayImage(width, height);
        Array.Fill(image.Pixels, (byte)235);
        return image;
    }

    private static void Line(GrayImage image, int x0, int y0, int x1, int y1, int thickness)
    {
        for (var y = y0; y <= Math.Max(y0, y1) + (y0 == y1 ? thickness - 1 : 0); y++)
            for (var x = x0; x <= Math.Max(x0, x1) + (x0 == x1 ? thickness - 1 : 0); x++)
                image[x, y] = 20;
    }

    /// <summary>A 28 px glyph of random horizontal and vertical strokes, like a CJK character at 200 dpi.</summary>
    private static void Glyph(GrayImage image, int x0, int y0, Random random)
    {
        for (var s = 0; s < 5; s++)
        {
            var horizontal = random.Next(2) == 0;
            var at = random.Next(2, 26);
            var from = random.Next(0, 10);
            var to = random.Next(18, 28);
            for (var t = from; t < to; t++)
                for (var w = 0; w < 2; w++)
                {
                    var (x, y) = horizontal ? (x0 + t, y0 + at + w) : (x0 + at + w, y0 + t);
                    if (x < image.Width && y < image.Height) image[x, y] = 30;
                }
        }
    }
}
