using Contest.Core.Training;
using static TorchSharp.torch;

namespace Contest.ReferenceModels.Training;

/// <summary>
/// Training images held in memory as the loader made them (224x224 RGB, channel-first bytes; the
/// loader's resize yields whole bytes, so nothing is lost against its floats) with labels
/// (0 bicycle, 1 bird). Bytes take a quarter of the floats' memory: 27,750 images are 4.2 GB.
/// </summary>
public sealed class TrainingSet
{
    /// <summary>Bytes in one image: 3 x 224 x 224.</summary>
    public const int ImageLength = 3 * 224 * 224;

    private readonly byte[] _pixels;
    private readonly long[] _labels;
    // The image of each position in _pixels; null: position i is image i. Subsets share the pixels.
    private readonly int[]? _rows;

    public TrainingSet(byte[] pixels, long[] labels)
        : this(pixels, labels, null)
    {
        if (pixels.LongLength != (long)labels.Length * ImageLength)
            throw new ArgumentException($"{pixels.LongLength} bytes are not {labels.Length} images of {ImageLength}.", nameof(pixels));
    }

    private TrainingSet(byte[] pixels, long[] labels, int[]? rows)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Any(l => l is not (0 or 1)))
            throw new ArgumentException("labels must be 0 (bicycle) or 1 (bird).", nameof(labels));
        _pixels = pixels;
        _labels = labels;
        _rows = rows;
    }

    public int Count => _labels.Length;

    /// <summary>Images of each class, bicycles first.</summary>
    public (int Bicycles, int Birds) ClassCounts => (_labels.Count(l => l == 0), _labels.Count(l => l == 1));

    /// <summary>The label of image <paramref name="index"/>.</summary>
    public long LabelOf(int index) => _labels[index];

    /// <summary>
    /// The images at <paramref name="indices"/> with other labels (label-DP's released ones), sharing
    /// this set's pixels: image i of the result is image indices[i] of this one.
    /// </summary>
    public TrainingSet Subset(IReadOnlyList<int> indices, long[] labels)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(labels);
        if (indices.Count != labels.Length)
            throw new ArgumentException($"{indices.Count} images but {labels.Length} labels.", nameof(labels));
        var rows = new int[indices.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            if ((uint)indices[i] >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(indices), $"image {indices[i]} is not in a set of {Count}.");
            rows[i] = RowOf(indices[i]);
        }
        return new TrainingSet(_pixels, labels, rows);
    }

    private int RowOf(int index) => _rows is null ? index : _rows[index];

    /// <summary>The images at <paramref name="indices"/> as floats [N,3,224,224] in [0,1] and their labels [N], on <paramref name="device"/>.</summary>
    public (Tensor Images, Tensor Labels) Batch(ReadOnlySpan<int> indices, Device device)
    {
        var bytes = new byte[indices.Length * ImageLength];
        var labels = new long[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            Array.Copy(_pixels, (long)RowOf(indices[i]) * ImageLength, bytes, (long)i * ImageLength, ImageLength);
            labels[i] = _labels[indices[i]];
        }
        using var scope = NewDisposeScope();
        var images = tensor(bytes, [indices.Length, 3, 224, 224]).to(device).to(ScalarType.Float32).div_(255f);
        return (images.MoveToOuterDisposeScope(), tensor(labels).to(device).MoveToOuterDisposeScope());
    }
}
