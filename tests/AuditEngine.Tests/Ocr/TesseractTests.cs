using AuditEngine.Intake.Ocr;
using AuditEngine.Intake.Raster;

namespace AuditEngine.Tests.Ocr;

public class TesseractTests
{
    public TesseractTests() => OcrFixture.RequireOcr();

    [Fact]
    public void IsAvailableWithoutReason()
    {
        Assert.True(Tesseract.IsAvailable);
        Assert.Null(Tesseract.UnavailableReason);
    }

    [Theory]
    [InlineData("4230.21")]
    [InlineData("132,372.61")]
    [InlineData("0.00")]
    [InlineData("-100.00%")]
    [InlineData("2,714,093.18")]
    public void NumericCellReadsExactly(string figure)
    {
        var cell = OcrFixture.Cells.First(c => c.Text == figure);
        var result = Tesseract.Recognize(OcrFixture.Table, cell.Region, OcrMode.Numeric);
        Assert.Equal(figure, result.Text);
        Assert.InRange(result.Confidence, 0.5, 1.0);
    }

    [Fact]
    public void EveryNumericCellOfTheTableReadsExactly()
    {
        // Measured: 37/37 at 72, 100, 150 and 200 dpi on clean renders.
        var cells = OcrFixture.Cells.Where(c => c.Mode == OcrMode.Numeric).ToList();
        var read = cells.Select(c => Tesseract.Recognize(OcrFixture.Table, c.Region, OcrMode.Numeric).Text).ToList();
        Assert.Equal(cells.Select(c => c.Text), read);
    }

    [Fact]
    public void ChineseCellReadsExactlyWithoutSpaces()
    {
        var cell = OcrFixture.Cell("社会保障和就业支出");
        var result = Tesseract.Recognize(OcrFixture.Table, cell.Region, OcrMode.Text);
        Assert.Equal("社会保障和就业支出", result.Text);
        Assert.InRange(result.Confidence, 0.5, 1.0);
    }

    [Fact]
    public void EveryTextCellOfTheTableReadsExactly()
    {
        // Measured: 15/15 at 72, 100, 150 and 200 dpi on clean renders (JPEG q30 at 72 dpi drops to 10/15).
        var cells = OcrFixture.Cells.Where(c => c.Mode == OcrMode.Text).ToList();
        var read = cells.Select(c => Tesseract.Recognize(OcrFixture.Table, c.Region, OcrMode.Text).Text).ToList();
        Assert.Equal(cells.Select(c => c.Text), read);
    }

    [Fact]
    public void CellsThatOverlapTheRulingLinesStillReadExactly()
    {
        // Grid detection can be off by a pixel or two; without line whitening these crops read 24/37 and 12/15.
        var image = OcrFixture.Table;
        foreach (var cell in OcrFixture.Cells)
        {
            var region = cell.Region.Inflate(2, image.Width, image.Height);
            Assert.Equal(cell.Text, Tesseract.Recognize(image, region, cell.Mode).Text);
        }
    }

    [Fact]
    public void BlankRegionIsEmptyWithFullConfidence()
    {
        var blank = new GrayImage(120, 30);
        blank.Pixels.AsSpan().Fill(255);
        Assert.Equal(new OcrText("", 1), Tesseract.Recognize(blank, new PixelRect(0, 0, 120, 30), OcrMode.Numeric));
        Assert.Equal(new OcrText("", 1), Tesseract.Recognize(blank, new PixelRect(0, 0, 120, 30), OcrMode.Text));
    }

    [Fact]
    public void RegionOutsideTheImageIsEmpty()
    {
        var image = OcrFixture.Table;
        Assert.Equal("", Tesseract.Recognize(image, new PixelRect(image.Width + 10, 0, 50, 20), OcrMode.Text).Text);
        Assert.Empty(Tesseract.RecognizeWords(image, new PixelRect(0, image.Height, 50, 20)));
    }

    [Fact]
    public void RecognizeWordsReturnsTheParagraphWithBoxesInsideTheRegion()
    {
        var region = OcrFixture.Paragraph;
        var words = Tesseract.RecognizeWords(OcrFixture.Table, region);

        Assert.NotEmpty(words);
        foreach (var word in words)
        {
            Assert.True(word.Box.X >= region.X && word.Box.Y >= region.Y && word.Box.Right <= region.Right && word.Box.Bottom <= region.Bottom,
                $"{word.Text} at {word.Box} lies outside {region}");
            Assert.True(word.Box.Width > 0 && word.Box.Height > 0);
            Assert.InRange(word.Confidence, 0.0, 1.0);
            Assert.DoesNotContain(' ', word.Text);
        }
        var text = string.Concat(words.Select(w => w.Text));
        Assert.Contains("部门收支预算情况说明", text);
        Assert.Contains("132,372.61万元", text);
        Assert.Contains("4230.21万元", text);
        Assert.Contains("社会保障缴费增加", text);
        // Two lines: the first word starts on the upper line, the last on the lower one.
        Assert.True(words[^1].Box.Y > words[0].Box.Bottom - 2, "words are not in reading order");
    }

    [Fact]
    public void RecognizeWordsBoxesMatchWhereTheFiguresArePrinted()
    {
        // The first figure of the paragraph sits on the first line and the same word read as a cell gives the same text.
        var words = Tesseract.RecognizeWords(OcrFixture.Table, OcrFixture.Paragraph);
        var figure = words.Single(w => w.Text == "4230.21");
        var crop = Tesseract.Recognize(OcrFixture.Table, figure.Box.Inflate(3, OcrFixture.Table.Width, OcrFixture.Table.Height), OcrMode.Numeric);
        Assert.Equal("4230.21", crop.Text);
    }

    [Fact]
    public void EnginesOnTwoThreadsInParallelReadCorrectly()
    {
        var image = OcrFixture.Table;
        // Every third cell keeps the test short while mixing Chinese and numeric cells.
        var cells = OcrFixture.Cells.Where((_, i) => i % 3 == 0).ToList();
        var results = new List<string>[2];
        var errors = new Exception?[2];
        var start = new Barrier(2);
        var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                // Opposite orders, so the two threads read different modes at the same time.
                var order = t == 0 ? cells : Enumerable.Reverse(cells).ToList();
                results[t] = order.Select(c => Tesseract.Recognize(image, c.Region, c.Mode).Text).ToList();
                if (t == 1) results[t].Reverse();
            }
            catch (Exception e) { errors[t] = e; }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Null(errors[0]);
        Assert.Null(errors[1]);
        Assert.Equal(cells.Select(c => c.Text), results[0]);
        Assert.Equal(cells.Select(c => c.Text), results[1]);
    }
}
