using Contest.Tests.Shared;
using SkiaSharp;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks;

/// <summary>Reads fixture PNGs into tensors and compares images at uint8 precision.</summary>
internal static class FixtureImages
{
    /// <summary>A preprocessing fixture as float32 [1,3,H,W] in [0,1].</summary>
    public static Tensor Load(string name)
    {
        using var bitmap = SKBitmap.Decode(TestPaths.Preprocessing(name))
            ?? throw new InvalidOperationException($"cannot decode {name}");
        var (width, height) = (bitmap.Width, bitmap.Height);
        var values = new float[3 * height * width];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var pixel = bitmap.GetPixel(x, y);
            values[0 * height * width + y * width + x] = pixel.Red / 255f;
            values[1 * height * width + y * width + x] = pixel.Green / 255f;
            values[2 * height * width + y * width + x] = pixel.Blue / 255f;
        }
        return tensor(values, [1, 3, height, width]);
    }

    /// <summary>Per-pixel absolute differences in uint8 steps (0..255), flattened.</summary>
    public static int[] ByteDifferences(Tensor actual, Tensor expected)
    {
        using var scope = NewDisposeScope();
        var difference = (actual.to(ScalarType.Float64) - expected.to(ScalarType.Float64)).abs().mul(255).round();
        return difference.to(ScalarType.Int32).flatten().data<int>().ToArray();
    }
}
