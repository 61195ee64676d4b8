using System.IO.Compression;
using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Core;
using Contest.Core.Metrics;
using SkiaSharp;
using static TorchSharp.torch;

namespace Contest.Evaluator.Reports;

/// <summary>
/// An attack's output images as the original kit saved them: <c>correct/adv_&lt;label&gt;_&lt;id&gt;.png</c>
/// and <c>incorrect/adv_&lt;label&gt;_&lt;id&gt;.png</c>, in one zip per attack (one artifact, not hundreds).
/// </summary>
internal static class AdversarialImagesZip
{
    public static void Save(string path, Tensor images, IReadOnlyList<ImageResult> results)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bytes = (images.detach().cpu().clamp(0, 1) * 255).round().to(ScalarType.Byte).permute(0, 2, 3, 1).contiguous();
        var pixels = bytes.data<byte>().ToArray();
        var height = (int)bytes.shape[1];
        var width = (int)bytes.shape[2];
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            var label = result.Label.ToClassLabel();
            var correct = Logits.From(result.Logits).Prediction == label;
            var name = $"{(correct ? "correct" : "incorrect")}/adv_{label.Name()}_{result.Id}.png";
            using var entry = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
            WritePng(entry, pixels.AsSpan(i * height * width * 3, height * width * 3), width, height);
        }
    }

    private static void WritePng(Stream output, ReadOnlySpan<byte> rgb, int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var rgba = new byte[width * height * 4];
        for (var p = 0; p < width * height; p++)
        {
            rgba[p * 4] = rgb[p * 3];
            rgba[(p * 4) + 1] = rgb[(p * 3) + 1];
            rgba[(p * 4) + 2] = rgb[(p * 3) + 2];
            rgba[(p * 4) + 3] = 255;
        }
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        data.SaveTo(output);
    }
}
