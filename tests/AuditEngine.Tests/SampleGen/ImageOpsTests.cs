using AuditEngine.Intake.Raster;
using AuditEngine.SampleGen;

namespace AuditEngine.Tests.SampleGen;

public sealed class ImageOpsTests
{
    private static GrayImage WhiteWithDot(int size, int dotX, int dotY)
    {
        var image = new GrayImage(size, size);
        Array.Fill(image.Pixels, (byte)255);
        for (var y = dotY - 1; y <= dotY + 1; y++)
            for (var x = dotX - 1; x <= dotX + 1; x++)
                image[x, y] = 0;
        return image;
    }

    /// <summary>Ink-weighted centre of the dark pixels.</summary>
    private static (double X, double Y) InkCentre(GrayImage image)
    {
        double sum = 0, sx = 0, sy = 0;
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
            {
                var ink = 255 - image[x, y];
                sum += ink; sx += ink * x; sy += ink * y;
            }
        return (sx / sum, sy / sum);
    }

    [Fact]
    public void Rotation_by_one_and_a_half_degrees_moves_a_pixel_clockwise_about_the_centre()
    {
        // Centre (200, 200); the dot 100 px to its right goes down by 100·sin 1.5° ≈ 2.62 px when turned clockwise.
        var rotated = ImageOps.Rotate(WhiteWithDot(401, 300, 200), 1.5);
        var (x, y) = InkCentre(rotated);
        var theta = 1.5 * Math.PI / 180;
        Assert.Equal(200 + 100 * Math.Cos(theta), x, 0.05);
        Assert.Equal(200 + 100 * Math.Sin(theta), y, 0.05);

        var back = InkCentre(ImageOps.Rotate(WhiteWithDot(401, 300, 200), -1.5));
        Assert.Equal(200 - 100 * Math.Sin(theta), back.Y, 0.05);
    }

    [Fact]
    public void Rotation_fills_uncovered_corners_with_white_and_keeps_the_size()
    {
        var black = new GrayImage(200, 100);
        var rotated = ImageOps.Rotate(black, 1.5);
        Assert.Equal((200, 100), (rotated.Width, rotated.Height));
        Assert.Equal(255, rotated[0, 0]);
        Assert.Equal(255, rotated[199, 99]);
        Assert.Equal(0, rotated[100, 50]);
    }

    [Fact]
    public void Blur_keeps_flat_areas_and_softens_an_edge()
    {
        var image = new GrayImage(10, 10);
        Array.Fill(image.Pixels, (byte)255);
        for (var y = 0; y < 10; y++) for (var x = 0; x < 5; x++) image[x, y] = 0;
        var blurred = ImageOps.Blur(image, 1);
        Assert.Equal(0, blurred[0, 5]);
        Assert.Equal(255, blurred[9, 5]);
        Assert.InRange(blurred[4, 5], 50, 80); // (0·1 + 0·2 + 255·1) / 4
        Assert.InRange(blurred[5, 5], 180, 200);
    }

    [Fact]
    public void Noise_is_reproducible_from_the_seed_and_roughly_of_the_asked_strength()
    {
        GrayImage Noisy(int seed)
        {
            var image = new GrayImage(100, 100);
            Array.Fill(image.Pixels, (byte)128);
            ImageOps.AddNoise(image, 5, new Random(seed));
            return image;
        }
        var a = Noisy(7);
        Assert.Equal(a.Pixels, Noisy(7).Pixels);
        Assert.NotEqual(a.Pixels, Noisy(8).Pixels);
        var mean = a.Pixels.Average(p => (double)p);
        var sd = Math.Sqrt(a.Pixels.Average(p => (p - mean) * (p - mean)));
        Assert.Equal(128, mean, 0.5);
        Assert.InRange(sd, 4.5, 5.5);
    }

    [Fact]
    public void Fold_shadow_darkens_most_at_its_centre_and_not_outside()
    {
        var image = new GrayImage(100, 4);
        Array.Fill(image.Pixels, (byte)255);
        ImageOps.FoldShadow(image, 50, 10, 40);
        Assert.Equal(215, image[50, 2]);
        Assert.InRange(image[45, 2], 216, 254);
        Assert.Equal(255, image[30, 2]);
        Assert.Equal(255, image[61, 2]);
    }

    [Fact]
    public void Scan_simulation_is_reproducible_and_records_its_parameters()
    {
        var page = WhiteWithDot(300, 150, 150);
        var settings = new ScanSettings { JpegQuality = 70, WhiteClip = 230 };
        var first = ScanSimulator.Distort(page, 1, 42, settings);
        var again = ScanSimulator.Distort(page, 1, 42, settings);
        Assert.Equal(first.Image.Pixels, again.Image.Pixels);
        Assert.Equal(first.Distortion, again.Distortion);
        Assert.NotNull(first.Jpeg);
        Assert.InRange(Math.Abs(first.Distortion.AngleDegrees), 0, 1.5);
        Assert.Equal(70, first.Distortion.JpegQuality);
        Assert.NotEqual(first.Distortion, ScanSimulator.Distort(page, 2, 42, settings).Distortion);
    }
}
