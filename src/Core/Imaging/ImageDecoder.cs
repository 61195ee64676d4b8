using SkiaSharp;

namespace Contest.Core.Imaging;

/// <summary>
/// Decodes JPEG and PNG files to RGB the way PIL's <c>Image.open(...).convert("RGB")</c> does: no
/// colour-space conversion, no EXIF rotation, alpha dropped.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Decodes a file.</summary>
    /// <exception cref="InvalidDataException">Not an image, or truncated or corrupt.</exception>
    public static RgbImage Decode(string path)
    {
        using var stream = File.OpenRead(path);
        return Decode(stream, path);
    }

    /// <summary>Decodes encoded bytes.</summary>
    /// <exception cref="InvalidDataException">Not an image, or truncated or corrupt.</exception>
    public static RgbImage Decode(byte[] encoded)
    {
        using var stream = new MemoryStream(encoded, writable: false);
        return Decode(stream, "the image");
    }

    /// <summary>Decodes a stream (read to its end).</summary>
    /// <exception cref="InvalidDataException">Not an image, or truncated or corrupt.</exception>
    public static RgbImage Decode(Stream stream, string name = "the image")
    {
        var (image, error) = TryDecode(stream, name);
        return image ?? throw new InvalidDataException(error);
    }

    /// <summary>Decodes a file completely and says what it is: its size, or why it cannot be read.</summary>
    public static ImageCheck Check(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var (image, error) = TryDecode(stream, Path.GetFileName(path));
            return image is null ? new ImageCheck(0, 0, error) : new ImageCheck(image.Width, image.Height, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ImageCheck(0, 0, e.Message);
        }
    }

    private static (RgbImage? Image, string Error) TryDecode(Stream stream, string name)
    {
        using var codec = SKCodec.Create(stream, out var created);
        if (codec is null)
            return (null, $"{name} is not an image that can be decoded ({created}).");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        // No colour space on the destination: Skia then copies the stored values, as PIL does.
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var result = codec.GetPixels(info, out var rgba);
        if (result != SKCodecResult.Success)
        {
            var reason = result == SKCodecResult.IncompleteInput ? "it is truncated" : $"decoding failed: {result}";
            return (null, $"{name} cannot be decoded completely: {reason}.");
        }
        var rgb = new byte[width * height * 3];
        for (int i = 0, j = 0; j < rgb.Length; i += 4, j += 3)
        {
            rgb[j] = rgba[i];
            rgb[j + 1] = rgba[i + 1];
            rgb[j + 2] = rgba[i + 2];
        }
        return (new RgbImage(width, height, rgb), "");
    }
}

/// <summary>The outcome of <see cref="ImageDecoder.Check"/>.</summary>
/// <param name="Width">Width in pixels (0 when undecodable).</param>
/// <param name="Height">Height in pixels (0 when undecodable).</param>
/// <param name="Error">Why the file cannot be decoded; null when it decodes completely.</param>
public readonly record struct ImageCheck(int Width, int Height, string? Error);
