using Contest.Evaluator.Attacks.Corruptions;
using Contest.Evaluator.Attacks.Internal;
using Contest.Evaluator.Runtime;
using Contest.Tests.Shared;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks.Corruptions;

public class JpegCompressionTests
{
    public JpegCompressionTests() => TorchNativeLoader.EnsureLoaded();

    [Fact]
    public void Jpeg_NaturalImage_ChangesPixelsButStaysRecognisable()
    {
        using var scope = NewDisposeScope();
        using var random = new CpuRandomSource(0);
        var image = ByteImages.FromUnit(FixtureImages.Load("resize_output_224_from_png.png"));

        var result = new JpegCompression().Apply(image, random);

        var mse = (result - image).pow(2).mean().item<double>();
        var psnr = 10 * Math.Log10(255.0 * 255.0 / mse);
        Assert.True(result.ne(image).to(ScalarType.Float64).mean().item<double>() > 0.5, "quality 25 should change most pixels");
        Assert.InRange(psnr, 24, 40);
    }

    [Fact]
    public void Jpeg_ConstantImage_IsNearlyUnchanged()
    {
        using var scope = NewDisposeScope();
        using var random = new CpuRandomSource(0);
        var image = full(2, 3, 224, 224, 120.0, ScalarType.Float64);

        var result = new JpegCompression().Apply(image, random);

        Assert.True((result - image).abs().max().item<double>() <= 2);
    }

    [Fact]
    public void Decode_PilFixture_MatchesPilsDecoderExactly()
    {
        using var scope = NewDisposeScope();
        var jpeg = File.ReadAllBytes(TestPaths.Preprocessing("resize_input_299.jpg"));

        var decoded = JpegCodec.Decode(jpeg, 299, 299);

        var actual = tensor(decoded, [299, 299, 3]).permute(2, 0, 1).unsqueeze(0).to(ScalarType.Float32).div(255);
        var differences = FixtureImages.ByteDifferences(actual, FixtureImages.Load("jpeg_decoded_by_pil_299.png"));
        Assert.Equal(0, differences.Max());
    }
}
