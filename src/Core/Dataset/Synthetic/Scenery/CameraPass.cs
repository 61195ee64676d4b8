using System.Numerics;
using System.Runtime.InteropServices;

namespace Contest.Core.Dataset.Synthetic.Scenery;

/// <summary>
/// Applies a <see cref="Camera"/>'s colour, light, vignette and grain to finished RGBA pixels in one
/// pass of integer arithmetic (Skia's colour-matrix and gradient passes cost several times more).
/// The light, vignette and grain of a pixel depend on its position only, so they are computed a row
/// at a time and the pixels then run through SIMD lanes; every lane does the scalar rule's exact
/// float and integer steps, so the bytes are those of the one-pixel-at-a-time version.
/// </summary>
internal static class CameraPass
{
    /// <summary>Grain tile side; the tile is read with wrap-around.</summary>
    internal const int TileSize = 256;

    /// <summary>1.0 in the pass's fixed point.</summary>
    internal const int One = 1 << 12;

    // One tile of Gaussian grain (sd 40 on the 0-255 scale) from a fixed seed, shared read-only.
    private static readonly Lazy<short[]> NoiseTile = new(CreateNoiseTile);

    public static void Apply(Span<byte> rgba, int width, int height, Camera camera)
    {
        // Lanes read each pixel as one little-endian word; a big-endian machine would give other bytes.
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("The dataset generator needs a little-endian machine.");
        var lanes = Vector<int>.Count;
        var padded = (width + lanes - 1) / lanes * lanes;
        var field = new CameraField(camera, width, padded, NoiseTile.Value);
        var colour = new ColourLanes(camera);
        Span<uint> tail = stackalloc uint[lanes];
        for (var y = 0; y < height; y++)
        {
            field.Row(y);
            var row = MemoryMarshal.Cast<byte, uint>(rgba.Slice(y * width * 4, width * 4));
            var x = 0;
            for (; x + lanes <= width; x += lanes)
                colour.Apply(row.Slice(x, lanes), field, x);
            if (x < width)
            {
                // The last pixels of a row go through the same lanes from a padded copy.
                tail.Clear();
                row[x..].CopyTo(tail);
                colour.Apply(tail, field, x);
                tail[..(width - x)].CopyTo(row[x..]);
            }
        }
    }

    private static short[] CreateNoiseTile()
    {
        var random = new DeterministicRandom(0x6E6F697365UL);
        var tile = new short[TileSize * TileSize];
        for (var i = 0; i < tile.Length; i++)
            tile[i] = (short)Math.Clamp(random.Normal(0, 40), -127, 127);
        return tile;
    }

    /// <summary>
    /// The colour matrix, exposure and light target as integer lanes. Pixels are read as
    /// little-endian RGBA words (R in the low byte), which every platform .NET runs on uses.
    /// </summary>
    private readonly struct ColourLanes
    {
        private readonly Vector<int> _m0, _m1, _m2, _m3, _m4, _m5, _m6, _m7, _m8;
        private readonly Vector<int> _offset;
        private readonly Vector<int> _lightTarget;

        public ColourLanes(Camera camera)
        {
            var m = ColourMatrix(camera);
            (_m0, _m1, _m2, _m3, _m4, _m5, _m6, _m7, _m8) = (new(m[0]), new(m[1]), new(m[2]), new(m[3]), new(m[4]), new(m[5]), new(m[6]), new(m[7]), new(m[8]));
            _offset = new Vector<int>((int)(camera.Brightness * 255 * One));
            _lightTarget = new Vector<int>(camera.LightIsBright ? 255 : 0);
        }

        public void Apply(Span<uint> pixels, CameraField field, int x)
        {
            var word = Vector.AsVectorInt32(new Vector<uint>(pixels));
            var mask = new Vector<int>(0xFF);
            var r = word & mask;
            var g = Vector.ShiftRightLogical(word, 8) & mask;
            var b = Vector.ShiftRightLogical(word, 16) & mask;
            var nr = DivideByOne(_m0 * r + _m1 * g + _m2 * b + _offset);
            var ng = DivideByOne(_m3 * r + _m4 * g + _m5 * b + _offset);
            var nb = DivideByOne(_m6 * r + _m7 * g + _m8 * b + _offset);

            var a = field.Light(x);
            nr += DivideByOne((_lightTarget - nr) * a);
            ng += DivideByOne((_lightTarget - ng) * a);
            nb += DivideByOne((_lightTarget - nb) * a);

            if (field.HasVignette)
            {
                var keep = field.Keep(x);
                nr = DivideByOne(nr * keep);
                ng = DivideByOne(ng * keep);
                nb = DivideByOne(nb * keep);
            }

            var n = field.Noise(x);
            var result = Channel(nr + n) | Vector.ShiftLeft(Channel(ng + n), 8) | Vector.ShiftLeft(Channel(nb + n), 16) | new Vector<int>(unchecked((int)0xFF000000));
            Vector.AsVectorUInt32(result).CopyTo(pixels);
        }

        private static Vector<int> Channel(Vector<int> value) => Vector.Min(Vector.Max(value, Vector<int>.Zero), new Vector<int>(255));

        /// <summary>C#'s integer division by <see cref="One"/>, which rounds towards zero (a plain shift would round down).</summary>
        private static Vector<int> DivideByOne(Vector<int> value) =>
            Vector.ShiftRightArithmetic(value + Vector.ShiftRightLogical(Vector.ShiftRightArithmetic(value, 31), 32 - 12), 12);
    }

    /// <summary>Saturation mixes each channel with the luminance (Rec. 709), then gain and contrast; fixed point.</summary>
    private static int[] ColourMatrix(Camera camera)
    {
        float[] luminance = [0.2126f, 0.7152f, 0.0722f];
        float[] gain = [camera.GainRed, camera.GainGreen, camera.GainBlue];
        var matrix = new int[9];
        for (var row = 0; row < 3; row++)
        {
            for (var col = 0; col < 3; col++)
            {
                var mix = luminance[col] * (1 - camera.Saturation) + (row == col ? camera.Saturation : 0);
                matrix[row * 3 + col] = (int)(mix * gain[row] * camera.Contrast * One);
            }
        }
        return matrix;
    }
}
