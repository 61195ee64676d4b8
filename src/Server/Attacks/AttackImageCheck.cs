using System.Buffers.Binary;
using Contest.Core.Rules;
using SkiaSharp;

namespace Contest.Server.Attacks;

/// <summary>An attack image that passed the checks: its type and any warnings for the attacker.</summary>
internal sealed record CheckedAttackImage(string ContentType, IReadOnlyList<string> Warnings);

/// <summary>
/// Decides whether uploaded bytes are an acceptable attack image: a 224x224 8-bit RGB PNG (or a JPEG
/// of that size, with a warning), whole and decodable. Dimensions come from the header and are
/// checked before any pixel is decoded, so a decompression bomb is refused without inflating it.
/// </summary>
internal static class AttackImageCheck
{
    public const int Side = ImageSpec.Side;
    public const int MaxBytes = 4 << 20;
    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The image, or the reason it is refused.</summary>
    public static (CheckedAttackImage? Image, string? Refusal) Check(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
            return (null, "the image is empty.");
        if (bytes.Length > MaxBytes)
            return (null, $"the image file has {bytes.Length} bytes; attack images are at most {MaxBytes} bytes (a 224x224 PNG needs far less).");
        if (bytes.StartsWith(PngMagic))
            return CheckPng(bytes);
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
            return CheckJpeg(bytes);
        return (null, "the file is neither a PNG nor a JPEG; submit a 224x224 RGB PNG.");
    }

    private static (CheckedAttackImage?, string?) CheckPng(ReadOnlySpan<byte> bytes)
    {
        // IHDR is always the first chunk: length(4) "IHDR"(4) width(4) height(4) depth(1) colour type(1) ...
        if (bytes.Length < 33 || !bytes.Slice(12, 4).SequenceEqual("IHDR"u8))
            return (null, "the PNG is truncated or corrupt: its header chunk is missing.");
        var width = BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(16, 4));
        var height = BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(20, 4));
        var depth = bytes[24];
        var colourType = bytes[25];
        if (width != Side || height != Side)
            return (null, $"the image is {width}x{height}; attack images must be exactly {Side}x{Side} (refused before decoding).");
        if (depth == 16)
            return (null, "the PNG has 16 bits per channel; save it as 8-bit RGB.");
        var problem = colourType switch
        {
            0 or 4 => "the PNG is grayscale; save it as RGB (a bird or bicycle attack must be a colour image).",
            3 => "the PNG uses a colour palette; save it as 8-bit truecolor RGB.",
            6 => "the PNG has an alpha channel; save it as RGB without transparency.",
            2 when depth == 8 => null,
            2 => $"the PNG has {depth} bits per channel; save it as 8-bit RGB.",
            _ => $"the PNG has an unknown colour type {colourType}.",
        };
        if (problem is not null)
            return (null, problem);
        return DecodesWhole(bytes, "PNG") is { } broken ? (null, broken) : (new CheckedAttackImage("image/png", []), null);
    }

    private static (CheckedAttackImage?, string?) CheckJpeg(ReadOnlySpan<byte> bytes)
    {
        if (JpegFrame(bytes) is not { } frame)
            return (null, "the JPEG is truncated or corrupt: no frame header found.");
        if (frame.Width != Side || frame.Height != Side)
            return (null, $"the image is {frame.Width}x{frame.Height}; attack images must be exactly {Side}x{Side} (refused before decoding).");
        if (frame.Components == 1)
            return (null, "the JPEG is grayscale; save it as an RGB PNG.");
        if (frame.Components != 3)
            return (null, $"the JPEG has {frame.Components} colour components (CMYK?); save it as an RGB PNG.");
        if (DecodesWhole(bytes, "JPEG") is { } broken)
            return (null, broken);
        return (new CheckedAttackImage("image/jpeg",
            ["JPEG compression changes pixels: the defenses saw this file's decoded pixels, not the image you had before saving. Submit a PNG to control every pixel."]), null);
    }

    private static string? DecodesWhole(ReadOnlySpan<byte> bytes, string kind)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
            return $"the {kind} is corrupt: it cannot be decoded.";
        var info = new SKImageInfo(Side, Side, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        return result switch
        {
            SKCodecResult.Success => null,
            SKCodecResult.IncompleteInput => $"the {kind} is truncated: its pixel data ends early.",
            _ => $"the {kind} is corrupt: decoding failed ({result}).",
        };
    }

    private readonly record struct Frame(int Width, int Height, int Components);

    // Walks the JPEG marker segments up to the first start-of-frame (SOF0..SOF15 except DHT, JPG, DAC).
    private static Frame? JpegFrame(ReadOnlySpan<byte> bytes)
    {
        var at = 2;
        while (at + 4 <= bytes.Length)
        {
            if (bytes[at] != 0xFF)
                return null;
            var marker = bytes[at + 1];
            if (marker == 0xFF)
            {
                at++;
                continue;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(at + 2, 2));
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (at + 10 > bytes.Length)
                    return null;
                return new Frame(
                    BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(at + 7, 2)),
                    BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(at + 5, 2)),
                    bytes[at + 9]);
            }
            at += 2 + length;
        }
        return null;
    }
}
