using SkiaSharp;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>
/// JPEG round trips through SkiaSharp (libjpeg-turbo): the same IJG quantisation tables scaled by
/// quality and the same 4:2:0 chroma subsampling as PIL's <c>save(..., 'JPEG', quality=q)</c>; its
/// decoder reproduces PIL's decoded pixels exactly on the project's fixture.
/// </summary>
internal static class JpegCodec
{
    /// <summary>Encodes interleaved RGB bytes at <paramref name="quality"/> and decodes them back.</summary>
    public static byte[] RoundTrip(byte[] rgb, int width, int height, int quality)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var rgba = new byte[width * height * 4];
        for (var i = 0; i < width * height; i++)
        {
            rgba[4 * i] = rgb[3 * i];
            rgba[4 * i + 1] = rgb[3 * i + 1];
            rgba[4 * i + 2] = rgb[3 * i + 2];
            rgba[4 * i + 3] = 255;
        }
        byte[] jpeg;
        unsafe
        {
            fixed (byte* pixels = rgba)
            {
                using var pixmap = new SKPixmap(info, (IntPtr)pixels);
                var options = new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore);
                using var encoded = pixmap.Encode(options) ?? throw new InvalidOperationException("SkiaSharp could not encode the JPEG");
                jpeg = encoded.ToArray();
            }
        }
        return Decode(jpeg, width, height);
    }

    /// <summary>Decodes a JPEG to interleaved RGB bytes of the expected size.</summary>
    public static byte[] Decode(byte[] jpeg, int width, int height)
    {
        using var decoded = SKBitmap.Decode(jpeg, new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque))
            ?? throw new InvalidOperationException("SkiaSharp could not decode the JPEG");
        var rgba = decoded.Bytes;
        var rgb = new byte[width * height * 3];
        for (var i = 0; i < width * height; i++)
        {
            rgb[3 * i] = rgba[4 * i];
            rgb[3 * i + 1] = rgba[4 * i + 1];
            rgb[3 * i + 2] = rgba[4 * i + 2];
        }
        return rgb;
    }
}
