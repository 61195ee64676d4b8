using System.Buffers.Binary;
using SkiaSharp;

namespace Contest.Evaluator.Bench.Verdicts;

/// <summary>
/// Valid attack images for the benchmark: 224x224 8-bit RGB PNGs, a simple scene drawn from the index,
/// with the run's nonce and the index written into the first pixels, so no two images of any run are
/// the same file (the server refuses an image submitted before).
/// </summary>
internal static class AttackImageFactory
{
    private const int Side = 224;

    public static byte[] Png(ulong nonce, int index)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(Side, Side, SKColorType.Rgb888x, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor((byte)(40 + (index * 37 % 200)), (byte)(90 + (index * 53 % 150)), 200));
            using var paint = new SKPaint { Color = new SKColor(250, (byte)(index * 11 % 255), 30), IsAntialias = true };
            canvas.DrawCircle(60 + (index * 7 % 100), 112, 30 + (index % 50), paint);
        }
        Span<byte> stamp = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(stamp, nonce);
        BinaryPrimitives.WriteInt32LittleEndian(stamp[8..], index);
        for (var p = 0; p < stamp.Length / 3; p++)
            bitmap.SetPixel(p, 0, new SKColor(stamp[p * 3], stamp[(p * 3) + 1], stamp[(p * 3) + 2]));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
