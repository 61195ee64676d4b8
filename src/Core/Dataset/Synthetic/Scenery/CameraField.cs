using System.Numerics;

namespace Contest.Core.Dataset.Synthetic.Scenery;

/// <summary>
/// The parts of <see cref="CameraPass"/> that depend on a pixel's position only (uneven light,
/// vignette, grain), one row at a time in integer lanes. Each value follows the original per-pixel
/// expression step by step in single precision, so lanes and scalar code agree to the bit.
/// Arrays are padded to whole lanes; the padding is computed and ignored.
/// </summary>
internal sealed class CameraField
{
    private readonly Camera _camera;
    private readonly short[] _tile;
    private readonly float _centre;
    private readonly float _sin;
    private readonly float _twoCentre;
    private readonly float _maxRadius2;
    private readonly float _light;
    private readonly int _noise;
    private readonly float[] _dxCos;
    private readonly float[] _dx2;
    private readonly int[] _column;
    private readonly int[] _lightRow;
    private readonly int[] _keepRow;
    private readonly int[] _noiseRow;
    private int _noiseRowStart = -1;

    public CameraField(Camera camera, int width, int padded, short[] tile)
    {
        _camera = camera;
        _tile = tile;
        // SinCos returns (sin, cos): the names below are swapped, as they always were; fixing them
        // would turn every image's light by a quarter and change every byte.
        var (cos, sin) = MathF.SinCos(camera.LightAngle);
        _sin = sin;
        _centre = (width - 1) / 2f;
        _twoCentre = 2 * _centre;
        _maxRadius2 = _centre * _centre * 2;
        _light = (int)(camera.LightStrength * CameraPass.One);
        _noise = (int)(camera.Noise * CameraPass.One);
        _dxCos = new float[padded];
        _dx2 = new float[padded];
        _column = new int[padded];
        for (var x = 0; x < padded; x++)
        {
            _dxCos[x] = (x - _centre) * cos;
            _dx2[x] = (x - _centre) * (x - _centre);
            _column[x] = (x / camera.Grain + camera.NoiseOffsetX) % CameraPass.TileSize;
        }
        _lightRow = new int[padded];
        _keepRow = new int[padded];
        _noiseRow = new int[padded];
    }

    public bool HasVignette => _camera.Vignette > 0;

    public Vector<int> Light(int x) => new(_lightRow, x);

    public Vector<int> Keep(int x) => new(_keepRow, x);

    public Vector<int> Noise(int x) => new(_noiseRow, x);

    /// <summary>Fills the light, vignette and grain of row <paramref name="y"/>.</summary>
    public void Row(int y)
    {
        var lanes = Vector<float>.Count;
        var dy = y - _centre;
        var dySin = new Vector<float>(dy * _sin);
        var dy2 = new Vector<float>(dy * dy);
        for (var x = 0; x < _lightRow.Length; x += lanes)
        {
            // Light falls off linearly across the frame from one side: blend towards white or black.
            var along = (new Vector<float>(_dxCos, x) + dySin) / new Vector<float>(_twoCentre) + new Vector<float>(0.5f);
            Vector.ConvertToInt32(new Vector<float>(_light) * Clamp01(along)).CopyTo(_lightRow, x);
            if (HasVignette)
            {
                var d2 = (new Vector<float>(_dx2, x) + dy2) / new Vector<float>(_maxRadius2);
                var keep = (Vector<float>.One - new Vector<float>(_camera.Vignette) * Clamp01((d2 - new Vector<float>(0.3f)) / new Vector<float>(0.7f))) * new Vector<float>(CameraPass.One);
                Vector.ConvertToInt32(keep).CopyTo(_keepRow, x);
            }
        }
        FillNoise((y / _camera.Grain + _camera.NoiseOffsetY) % CameraPass.TileSize * CameraPass.TileSize);
    }

    private void FillNoise(int start)
    {
        // Without grain every value is 0, which the fresh array already holds; coarse grain repeats rows.
        if (_noise == 0 || start == _noiseRowStart)
            return;
        _noiseRowStart = start;
        for (var x = 0; x < _noiseRow.Length; x++)
            _noiseRow[x] = _tile[start + _column[x]] * _noise / CameraPass.One;
    }

    private static Vector<float> Clamp01(Vector<float> value) => Vector.Max(Vector.Min(value, Vector<float>.One), Vector<float>.Zero);
}
