using Contest.Core.Dataset.Synthetic;
using Contest.Core.Dataset.Synthetic.Scenery;

namespace Contest.Core.Tests.Dataset;

/// <summary>
/// The camera pass as first written, one pixel at a time: the definition every generated image's
/// bytes come from. The SIMD pass must agree with it exactly.
/// </summary>
internal static class ScalarCameraPass
{
    private const int TileSize = 256;
    private const int One = 1 << 12;

    private static readonly Lazy<short[]> NoiseTile = new(() =>
    {
        var random = new DeterministicRandom(0x6E6F697365UL);
        var tile = new short[TileSize * TileSize];
        for (var i = 0; i < tile.Length; i++)
            tile[i] = (short)Math.Clamp(random.Normal(0, 40), -127, 127);
        return tile;
    });

    public static void Apply(Span<byte> rgba, int width, int height, Camera camera)
    {
        var matrix = ColourMatrix(camera);
        var tile = NoiseTile.Value;
        var noise = (int)(camera.Noise * One);
        var offset = (int)(camera.Brightness * 255 * One);
        var (cos, sin) = MathF.SinCos(camera.LightAngle);
        var light = (int)(camera.LightStrength * One);
        var lightTarget = camera.LightIsBright ? 255 : 0;
        var centre = (width - 1) / 2f;
        var maxRadius2 = centre * centre * 2;
        for (var y = 0; y < height; y++)
        {
            var row = rgba.Slice(y * width * 4, width * 4);
            var noiseRow = ((y / camera.Grain + camera.NoiseOffsetY) % TileSize) * TileSize;
            for (var x = 0; x < width; x++)
            {
                var p = x * 4;
                int r = row[p], g = row[p + 1], b = row[p + 2];
                var nr = (matrix[0] * r + matrix[1] * g + matrix[2] * b + offset) / One;
                var ng = (matrix[3] * r + matrix[4] * g + matrix[5] * b + offset) / One;
                var nb = (matrix[6] * r + matrix[7] * g + matrix[8] * b + offset) / One;

                var along = ((x - centre) * cos + (y - centre) * sin) / (2 * centre) + 0.5f;
                var a = (int)(light * Math.Clamp(along, 0, 1));
                nr += (lightTarget - nr) * a / One;
                ng += (lightTarget - ng) * a / One;
                nb += (lightTarget - nb) * a / One;

                if (camera.Vignette > 0)
                {
                    var d2 = ((x - centre) * (x - centre) + (y - centre) * (y - centre)) / maxRadius2;
                    var keep = (int)((1 - camera.Vignette * Math.Clamp((d2 - 0.3f) / 0.7f, 0, 1)) * One);
                    nr = nr * keep / One;
                    ng = ng * keep / One;
                    nb = nb * keep / One;
                }

                var n = tile[noiseRow + (x / camera.Grain + camera.NoiseOffsetX) % TileSize] * noise / One;
                row[p] = (byte)Math.Clamp(nr + n, 0, 255);
                row[p + 1] = (byte)Math.Clamp(ng + n, 0, 255);
                row[p + 2] = (byte)Math.Clamp(nb + n, 0, 255);
                row[p + 3] = 255;
            }
        }
    }

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
