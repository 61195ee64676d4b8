using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Boundary;

/// <summary>
/// The device-side state of the images one boundary search works on, flattened to [n,D]: the
/// originals, the current point of each walk (float64) with its distance, and the best adversarial
/// image the defense has seen for each (foolbox returns that one, not the walk's last point).
/// Distances are mean squared errors, foolbox's default. Owns its tensors.
/// </summary>
internal sealed class BoundaryChunk : IDisposable
{
    public BoundaryChunk(Tensor originals, Tensor starts, Tensor labels)
    {
        using var scope = NewDisposeScope();
        Shape = originals.shape[1..];
        Labels = labels.clone().DetachFromDisposeScope();
        Originals = originals.reshape(originals.shape[0], -1).to(ScalarType.Float64).DetachFromDisposeScope();
        Perturbed = starts.reshape(starts.shape[0], -1).to(ScalarType.Float64).DetachFromDisposeScope();
        Distances = Mse(Perturbed).DetachFromDisposeScope();
        Best = starts.reshape(starts.shape[0], -1).clone().DetachFromDisposeScope();
        BestDistances = Distances.clone().DetachFromDisposeScope();
    }

    public long[] Shape { get; }

    public Tensor Labels { get; }

    public Tensor Originals { get; }

    public Tensor Perturbed { get; }

    public Tensor Distances { get; }

    public Tensor Best { get; }

    public Tensor BestDistances { get; }

    /// <summary>
    /// Scores points [s,k,D] of the images <paramref name="rows"/> (only where <paramref name="evaluate"/>
    /// is set, or all), keeps any closer adversarial as the images' best, and returns which were
    /// adversarial, [s,k] on the host.
    /// </summary>
    public bool[,] Score(AttackSession session, Tensor rows, Tensor points, Tensor? evaluate)
    {
        using var scope = NewDisposeScope();
        var (count, per) = (points.shape[0], points.shape[1]);
        var flat = points.reshape(count * per, -1);
        var labels = Labels.index_select(0, rows).repeat_interleave(per);
        var adversarial = zeros(count * per, ScalarType.Bool, points.device);
        var chosen = evaluate?.reshape(-1).nonzero().squeeze(1);
        var images = flat.to(ScalarType.Float32);
        if (chosen is null)
            adversarial = Margins.Fooled(session.Logits(images.reshape([-1, .. Shape])), labels);
        else if (chosen.shape[0] > 0)
            adversarial.index_put_(Margins.Fooled(session.Logits(images.index_select(0, chosen).reshape([-1, .. Shape])), labels.index_select(0, chosen)), chosen);
        adversarial = adversarial.reshape(count, per);

        var distances = (points - Originals.index_select(0, rows).unsqueeze(1)).pow_(2).mean([2]);
        var (closest, position) = where(adversarial, distances, full_like(distances, double.PositiveInfinity)).min(1);
        var improved = closest.lt(BestDistances.index_select(0, rows));
        var better = rows.masked_select(improved);
        if (better.shape[0] > 0)
        {
            var picks = (arange(count, device: points.device) * per + position).masked_select(improved);
            Best.index_copy_(0, better, images.index_select(0, picks));
            BestDistances.index_copy_(0, better, closest.masked_select(improved));
        }
        return ToHost(adversarial);
    }

    /// <summary>Moves the walks of <paramref name="rows"/> to <paramref name="points"/> [m,D] where they are closer; returns which were not (foolbox's "numerical problems").</summary>
    public bool[] Accept(Tensor rows, Tensor points)
    {
        using var scope = NewDisposeScope();
        var distances = Mse(points, Originals.index_select(0, rows));
        var closer = distances.lt(Distances.index_select(0, rows));
        var moved = rows.masked_select(closer);
        Perturbed.index_copy_(0, moved, points.index_select(0, closer.nonzero().squeeze(1)));
        Distances.index_copy_(0, moved, distances.masked_select(closer));
        return closer.logical_not().cpu().data<bool>().ToArray();
    }

    public void Dispose()
    {
        Labels.Dispose();
        Originals.Dispose();
        Perturbed.Dispose();
        Distances.Dispose();
        Best.Dispose();
        BestDistances.Dispose();
    }

    private Tensor Mse(Tensor points) => Mse(points, Originals);

    private static Tensor Mse(Tensor points, Tensor originals) => (points - originals).pow_(2).mean([1]);

    private static bool[,] ToHost(Tensor flags)
    {
        var (rows, columns) = ((int)flags.shape[0], (int)flags.shape[1]);
        var values = flags.cpu().data<bool>().ToArray();
        var result = new bool[rows, columns];
        for (var i = 0; i < rows; i++)
        for (var j = 0; j < columns; j++)
            result[i, j] = values[i * columns + j];
        return result;
    }
}
