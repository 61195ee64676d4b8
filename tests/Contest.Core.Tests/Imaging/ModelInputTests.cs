using Contest.Core.Imaging;
using Contest.Tests.Shared;

namespace Contest.Core.Tests.Imaging;

public class ModelInputTests
{
    [Fact]
    public void ToChw_OnePixelImage_PutsChannelsInPlanesScaledToUnit()
    {
        var image = new RgbImage(2, 1, [255, 0, 51, 0, 102, 255]);

        var chw = ModelInput.ToChw(image);

        Assert.Equal(new[] { 1f, 0f, 0f, 0.4f, 0.2f, 1f }, chw);
    }

    [Fact]
    public void Load_JpegFixture_Is3x224x224MatchingTorchvision()
    {
        var expected = ModelInput.ToChw(ImageDecoder.Decode(TestPaths.Preprocessing("resize_output_224_from_jpg.png")));

        var loaded = ModelInput.Load(TestPaths.Preprocessing("resize_input_299.jpg"));

        Assert.Equal(ModelInput.ImageLength, loaded.Length);
        Assert.All(loaded.Zip(expected), pair => Assert.InRange(Math.Abs(pair.First - pair.Second), 0, 1 / 255f + 1e-6f));
    }

    [Fact]
    public void LoadBatch_TwoFiles_IsNchwInOrder()
    {
        string[] paths = [TestPaths.Preprocessing("resize_input_299.png"), TestPaths.Preprocessing("resize_input_299.jpg")];

        var batch = ModelInput.LoadBatch(paths);

        Assert.Equal(new long[] { 2, 3, 224, 224 }, batch.Shape);
        Assert.Equal(ModelInput.Load(paths[0]), batch.Data.AsSpan(0, ModelInput.ImageLength).ToArray());
        Assert.Equal(ModelInput.Load(paths[1]), batch.Data.AsSpan(ModelInput.ImageLength).ToArray());
    }

    [Fact]
    public void LoadBatch_TruncatedFile_ThrowsInvalidDataNamingIt()
    {
        using var temp = new TempDirectory();
        var bytes = File.ReadAllBytes(TestPaths.Preprocessing("resize_input_299.jpg"));
        var broken = temp.Combine("broken.jpg");
        File.WriteAllBytes(broken, bytes[..(bytes.Length / 3)]);

        var error = Assert.Throws<InvalidDataException>(() => ModelInput.LoadBatch([TestPaths.Preprocessing("resize_input_299.png"), broken]));

        Assert.Contains("broken.jpg", error.Message);
    }

    [Fact]
    public void Decode_TruncatedJpeg_ThrowsInvalidData()
    {
        var bytes = File.ReadAllBytes(TestPaths.Preprocessing("resize_input_299.jpg"));

        var error = Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(bytes[..(bytes.Length / 2)]));

        Assert.Contains("truncated", error.Message);
    }
}
