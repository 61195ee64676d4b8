using Contest.Core.Imaging;
using Contest.Tests.Shared;

namespace Contest.Core.Tests.Imaging;

/// <summary>The loader's resize against what PIL and torchvision computed (tests/fixtures/preprocessing).</summary>
public class PilResizeTests
{
    // The brief allows 1/255 per channel; on these fixtures the match is exact.
    private const int Tolerance = 1;

    [Fact]
    public void Resize_PngFixture_MatchesTorchvisionWithinOneLevel()
    {
        var input = ImageDecoder.Decode(TestPaths.Preprocessing("resize_input_299.png"));

        var output = ModelInput.Resize(input);

        AssertClose(ImageDecoder.Decode(TestPaths.Preprocessing("resize_output_224_from_png.png")), output);
    }

    [Fact]
    public void Resize_JpegFixtureDecodedBySkia_MatchesTorchvisionWithinOneLevel()
    {
        var input = ImageDecoder.Decode(TestPaths.Preprocessing("resize_input_299.jpg"));

        var output = ModelInput.Resize(input);

        AssertClose(ImageDecoder.Decode(TestPaths.Preprocessing("resize_output_224_from_jpg.png")), output);
    }

    [Fact]
    public void Resize_JpegAsDecodedByPil_MatchesTorchvisionWithinOneLevel()
    {
        // Separates the resize from the decoder: this input is PIL's own decoding of the JPEG.
        var input = ImageDecoder.Decode(TestPaths.Preprocessing("jpeg_decoded_by_pil_299.png"));

        var output = ModelInput.Resize(input);

        AssertClose(ImageDecoder.Decode(TestPaths.Preprocessing("resize_output_224_from_jpg.png")), output);
    }

    [Fact]
    public void Decode_JpegFixture_MatchesPilDecodingWithinOneLevel()
    {
        var skia = ImageDecoder.Decode(TestPaths.Preprocessing("resize_input_299.jpg"));

        AssertClose(ImageDecoder.Decode(TestPaths.Preprocessing("jpeg_decoded_by_pil_299.png")), skia);
    }

    [Fact]
    public void Bilinear_Upscale_InterpolatesBetweenNeighbours()
    {
        var source = new RgbImage(2, 1, [0, 0, 0, 200, 100, 50]);

        var output = PilResize.Bilinear(source, 4, 1);

        // Centres at 0.25, 0.75, 1.25, 1.75 of the input: weights 1, 3/4, 1/4, 0 on the first pixel.
        Assert.Equal(new byte[] { 0, 0, 0, 50, 25, 13, 150, 75, 38, 200, 100, 50 }, output.Pixels);
    }

    [Fact]
    public void ResizeShorterSide_AlreadyThatSize_ReturnsTheSameImage()
    {
        var source = new RgbImage(224, 224, new byte[224 * 224 * 3]);

        Assert.Same(source, PilResize.ResizeShorterSide(source, 224));
    }

    [Fact]
    public void ResizeShorterSide_Landscape_KeepsAspectLikeTorchvision()
    {
        var source = new RgbImage(400, 299, new byte[400 * 299 * 3]);

        var output = PilResize.ResizeShorterSide(source, 224);

        // int(224 * 400 / 299) = 299
        Assert.Equal((299, 224), (output.Width, output.Height));
    }

    internal static void AssertClose(RgbImage expected, RgbImage actual)
    {
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        var worst = 0;
        var at = -1;
        for (var i = 0; i < expected.Pixels.Length; i++)
        {
            var difference = Math.Abs(expected.Pixels[i] - actual.Pixels[i]);
            if (difference > worst)
                (worst, at) = (difference, i);
        }
        Assert.True(worst <= Tolerance, $"largest difference {worst}/255 at pixel {at / 3} channel {at % 3}");
    }
}
