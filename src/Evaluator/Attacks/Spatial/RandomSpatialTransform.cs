using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Spatial;

/// <summary>
/// The original's <c>RandomSpatialAttack</c> in TensorFlow 1.x, on the device: resize to 224 - border
/// (tf.image.resize_images: bilinear, corners not aligned, no antialiasing), pad by the border, pad
/// by 50 more so nothing is cut, rotate (tf.contrib.image.rotate: counter-clockwise, bilinear, zeros
/// outside), translate (tf.contrib.image.transform, bilinear again), and crop the centre 224x224.
/// Float precision throughout; no uint8 step, as the original.
/// </summary>
internal static class RandomSpatialTransform
{
    private const int Margin = 50;

    /// <summary>[N,3,224,224] float images in [0,1] to one randomly transformed copy of each.</summary>
    public static Tensor Apply(Tensor images, RandomSpatialOptions options, RandomSource random)
    {
        using var scope = NewDisposeScope();
        // np.random.uniform(-limit, limit) for dx, dy and the angle, in that order.
        var draws = random.Uniform([images.shape[0], 3], ScalarType.Float32).mul_(2).sub_(1);
        var dx = draws[.., 0] * options.MaxTranslation;
        var dy = draws[.., 1] * options.MaxTranslation;
        var angle = draws[.., 2] * (options.MaxAngle * Math.PI / 180);
        return Transform(images, dx, dy, angle, options.BorderSize).MoveToOuterDisposeScope();
    }

    /// <summary>The transform with given [N] shifts (pixels) and angles (radians, counter-clockwise).</summary>
    internal static Tensor Transform(Tensor images, Tensor dx, Tensor dy, Tensor angle, int borderSize)
    {
        using var scope = NewDisposeScope();
        var (batch, size) = (images.shape[0], (int)images.shape[2]);
        var inner = size - borderSize;
        var resize = ResizeMatrix(size, inner, images.device);
        var resized = inner == size ? images : matmul(matmul(resize, images), resize.t());
        // 204 + 2 * 20 = 244 wide (larger than the 224 input), then 50 more on each side.
        var offset = borderSize + Margin;
        var canvasSize = inner + 2 * offset;
        var canvas = nn.functional.pad(resized, [offset, canvasSize - inner - offset, offset, canvasSize - inner - offset]);

        // tf rotate maps output (x, y) to input c + [cos -sin; sin cos](p - c), c = (size - 1) / 2, pixel indices.
        var centre = (canvasSize - 1) / 2.0;
        var (cos, sin) = (angle.cos().reshape(-1, 1, 1), angle.sin().reshape(-1, 1, 1));
        var x = arange(canvasSize, ScalarType.Float32, images.device).reshape(1, 1, -1) - centre;
        var y = arange(canvasSize, ScalarType.Float32, images.device).reshape(1, -1, 1) - centre;
        var rotated = Sample(canvas, cos * x - sin * y + centre, sin * x + cos * y + centre);

        // tf transform [1,0,-dx, 0,1,-dy] maps output p to input p - (dx, dy); only the central crop is needed.
        var crop = (canvasSize - size) / 2;
        var cx = arange(crop, crop + size, dtype: ScalarType.Float32, device: images.device).reshape(1, 1, -1);
        var cy = arange(crop, crop + size, dtype: ScalarType.Float32, device: images.device).reshape(1, -1, 1);
        var shifted = Sample(rotated, (cx - dx.reshape(-1, 1, 1)).expand(batch, size, size), (cy - dy.reshape(-1, 1, 1)).expand(batch, size, size));
        return shifted.clamp_(0, 1).MoveToOuterDisposeScope();
    }

    /// <summary>TF1's legacy bilinear resize weights (source = output * in/out, no half-pixel shift), [outSize, inSize].</summary>
    internal static Tensor ResizeMatrix(int inSize, int outSize, Device device)
    {
        var matrix = new float[outSize, inSize];
        var scale = (float)inSize / outSize;
        for (var output = 0; output < outSize; output++)
        {
            var source = output * scale;
            var lower = (int)source;
            var upper = Math.Min(lower + 1, inSize - 1);
            var fraction = source - lower;
            matrix[output, lower] += 1 - fraction;
            matrix[output, upper] += fraction;
        }
        return tensor(matrix, device: device);
    }

    // Bilinear with each of the four neighbours read as zero outside the image: grid_sample, zeros, corners aligned.
    private static Tensor Sample(Tensor images, Tensor sourceX, Tensor sourceY)
    {
        var (height, width) = (images.shape[2], images.shape[3]);
        var grid = stack([sourceX.mul(2.0f / (width - 1)).sub_(1), sourceY.mul(2.0f / (height - 1)).sub_(1)], 3);
        return nn.functional.grid_sample(images, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: true);
    }
}
