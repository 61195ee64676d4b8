using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Internal;

/// <summary>
/// A linear map along one image axis, given as a matrix [out, in]: resampling and blurs. Matrices
/// with few non-zero weights per output row are applied as a weighted sum of gathered rows or columns
/// (far fewer operations than a dense product); wide ones as a matrix product. Works in the input's dtype.
/// </summary>
internal sealed class AxisOperator
{
    private readonly double[,] _matrix;
    private readonly long[][] _indices;
    private readonly double[][] _weights;

    public AxisOperator(double[,] matrix)
    {
        _matrix = matrix;
        var (outputs, inputs) = (matrix.GetLength(0), matrix.GetLength(1));
        var rows = Enumerable.Range(0, outputs)
            .Select(o => Enumerable.Range(0, inputs).Where(i => matrix[o, i] != 0).ToArray()).ToArray();
        var taps = rows.Max(r => r.Length);
        _indices = [.. Enumerable.Range(0, taps).Select(t => rows.Select(r => t < r.Length ? (long)r[t] : 0L).ToArray())];
        _weights = [.. Enumerable.Range(0, taps).Select(t => rows.Select((r, o) => t < r.Length ? matrix[o, r[t]] : 0.0).ToArray())];
        Outputs = outputs;
    }

    public int Outputs { get; }

    /// <summary>Applies the map along the last (<paramref name="columns"/>) or second-to-last axis.</summary>
    public Tensor Apply(Tensor x, bool columns)
    {
        using var scope = NewDisposeScope();
        var axis = columns ? -1 : -2;
        if (_indices.Length * 4 > Outputs)
        {
            var dense = tensor(_matrix, x.dtype, x.device);
            return (columns ? matmul(x, dense.t()) : matmul(dense, x)).MoveToOuterDisposeScope();
        }
        Tensor? sum = null;
        for (var t = 0; t < _indices.Length; t++)
        {
            var index = tensor(_indices[t], device: x.device);
            var weight = tensor(_weights[t], x.dtype, x.device).reshape(columns ? [Outputs] : [Outputs, 1]);
            var term = x.index_select(x.ndim + axis, index).mul_(weight);
            sum = sum is null ? term : sum.add_(term);
        }
        return sum!.MoveToOuterDisposeScope();
    }
}
