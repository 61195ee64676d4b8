using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Spatial;

/// <summary>
/// PIL's <c>Image.transform(size, AFFINE, matrix, BILINEAR)</c> on 8-bit RGB images, exact: each
/// output pixel centre is mapped through the matrix; a point outside the image becomes black;
/// otherwise the four nearest pixels (clamped at the edges) are blended in double precision and the
/// result is truncated to uint8, as Pillow's <c>bilinear_filter32RGB</c> does. Batched on the device.
/// </summary>
internal static class PilAffine
{
    /// <summary>Every transform on every image: [B,C,H,W] whole-number float64 images to [B,T,C,H,W].</summary>
    public static Tensor Apply(Tensor bytes, IReadOnlyList<SpatialTransform> transforms)
    {
        using var scope = NewDisposeScope();
        var (batch, channels, height, width) = (bytes.shape[0], bytes.shape[1], bytes.shape[2], bytes.shape[3]);
        var sampled = Sample(bytes.reshape(batch, channels, height * width), transforms, height, width, paired: false);
        return sampled.reshape(batch, channels, transforms.Count, height, width).transpose(1, 2).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>One transform per image: [B,C,H,W] and B transforms to [B,C,H,W].</summary>
    public static Tensor ApplyEach(Tensor bytes, IReadOnlyList<SpatialTransform> transforms)
    {
        using var scope = NewDisposeScope();
        var (batch, channels, height, width) = (bytes.shape[0], bytes.shape[1], bytes.shape[2], bytes.shape[3]);
        if (transforms.Count != batch)
            throw new ArgumentException($"{transforms.Count} transforms for {batch} images");
        var sampled = Sample(bytes.reshape(batch, channels, height * width), transforms, height, width, paired: true);
        return sampled.reshape(batch, channels, height, width).MoveToOuterDisposeScope();
    }

    // planes: [B,C,H*W]. Result: [B,C,T,H*W], or [B,C,1,H*W] when paired (transform b for image b).
    private static Tensor Sample(Tensor planes, IReadOnlyList<SpatialTransform> transforms, long height, long width, bool paired)
    {
        var device = planes.device;
        var count = transforms.Count;
        var matrices = tensor(transforms.SelectMany(t => t.PilInverseMatrix((int)width, (int)height)).ToArray(), ScalarType.Float64, device)
            .reshape(count, 6, 1, 1);
        var x = arange(width, ScalarType.Float64, device).add_(0.5).reshape(1, 1, width);
        var y = arange(height, ScalarType.Float64, device).add_(0.5).reshape(1, height, 1);
        // Same operation order as Pillow's affine_transform: a0*x + a1*y + a2.
        var xIn = matrices[.., 0] * x + matrices[.., 1] * y + matrices[.., 2];
        var yIn = matrices[.., 3] * x + matrices[.., 4] * y + matrices[.., 5];
        var inside = xIn.ge(0).logical_and_(xIn.lt(width)).logical_and_(yIn.ge(0)).logical_and_(yIn.lt(height));

        var xs = xIn - 0.5;
        var ys = yIn - 0.5;
        var x0 = xs.floor();
        var y0 = ys.floor();
        var shape = paired ? new long[] { count, 1, 1, -1 } : [1, 1, count, -1];
        var dx = (xs - x0).reshape(shape);
        var dy = (ys - y0).reshape(shape);
        var left = x0.clamp(0, width - 1).to(ScalarType.Int64);
        var right = (x0 + 1).clamp_(0, width - 1).to(ScalarType.Int64);
        var top = y0.clamp(0, height - 1).to(ScalarType.Int64);
        var bottom = (y0 + 1).clamp_(0, height - 1).to(ScalarType.Int64);

        var (batch, channels) = (planes.shape[0], planes.shape[1]);
        Tensor Pick(Tensor row, Tensor column)
        {
            var index = row * width + column;
            // Shared transforms: one flat index for every image (no per-image index tensors).
            return paired
                ? planes.gather(2, index.reshape(batch, 1, -1).expand(batch, channels, -1)).unsqueeze(2)
                : planes.index_select(2, index.flatten()).reshape(batch, channels, count, -1);
        }
        // Pillow's BILINEAR macro, v = a + (b - a) * d, in the same order, in double precision.
        var upper = Pick(top, left);
        upper.add_((Pick(top, right) - upper).mul_(dx));
        var lower = Pick(bottom, left);
        lower.add_((Pick(bottom, right) - lower).mul_(dx));
        return upper.add_(lower.sub_(upper).mul_(dy)).floor_().mul_(inside.reshape(shape));
    }
}
