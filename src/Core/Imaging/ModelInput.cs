namespace Contest.Core.Imaging;

/// <summary>
/// Images as a defense receives them, exactly as the original loader made them: decoded, resized with
/// torchvision's <c>Resize(224)</c> (PIL bilinear with antialiasing), scaled to float32 in [0,1],
/// channel-first. A batch is NCHW <c>[N,3,224,224]</c>.
/// </summary>
public static class ModelInput
{
    /// <summary>Width and height of a model input.</summary>
    public const int Size = Rules.ImageSpec.Side;

    /// <summary>Colour channels (RGB).</summary>
    public const int Channels = Rules.ImageSpec.Channels;

    /// <summary>Floats in one image: 3 x 224 x 224.</summary>
    public const int ImageLength = Channels * Size * Size;

    /// <summary>The loader's resize: shorter side to 224 (the dataset's 299x299 images become 224x224).</summary>
    public static RgbImage Resize(RgbImage image) => PilResize.ResizeShorterSide(image, Size);

    /// <summary>Channel-first floats in [0,1]: value / 255, [3,H,W].</summary>
    public static float[] ToChw(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var plane = image.Width * image.Height;
        var chw = new float[plane * Channels];
        ToChw(image, chw);
        return chw;
    }

    /// <summary>Loads one file: decode, resize, scale; [3,224,224].</summary>
    /// <exception cref="InvalidDataException">Undecodable, or not square (the loader's output would not be 224x224).</exception>
    public static float[] Load(string path)
    {
        var image = Resize(ImageDecoder.Decode(path));
        RequireModelSize(image, path);
        return ToChw(image);
    }

    /// <summary>Loads files into one NCHW batch, decoding in parallel; the order is kept.</summary>
    /// <exception cref="InvalidDataException">A file is undecodable or not square.</exception>
    public static ImageBatch LoadBatch(IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var data = new float[paths.Count * ImageLength];
        ParallelWork.For(paths.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var image = Resize(ImageDecoder.Decode(paths[i]));
            RequireModelSize(image, paths[i]);
            ToChw(image, data.AsSpan(i * ImageLength, ImageLength));
        });
        return new ImageBatch(data, paths.Count);
    }

    private static void ToChw(RgbImage image, Span<float> destination)
    {
        var plane = image.Width * image.Height;
        var pixels = image.Pixels;
        for (var i = 0; i < plane; i++)
        {
            // A division, not a multiplication by 1/255: the same floats torchvision's ToTensor gives.
            destination[i] = pixels[i * 3] / 255f;
            destination[plane + i] = pixels[i * 3 + 1] / 255f;
            destination[2 * plane + i] = pixels[i * 3 + 2] / 255f;
        }
    }

    private static void RequireModelSize(RgbImage image, string name)
    {
        if (image.Width != Size || image.Height != Size)
            throw new InvalidDataException($"{name} becomes {image.Width}x{image.Height} after the resize, not {Size}x{Size}: model inputs must be square.");
    }
}

/// <summary>Images in one NCHW float32 array.</summary>
/// <param name="Data">Count x 3 x 224 x 224 floats in [0,1].</param>
/// <param name="Count">Images in the batch.</param>
public sealed record ImageBatch(float[] Data, int Count)
{
    /// <summary>The shape: [Count, 3, 224, 224].</summary>
    public long[] Shape => [Count, ModelInput.Channels, ModelInput.Size, ModelInput.Size];
}
