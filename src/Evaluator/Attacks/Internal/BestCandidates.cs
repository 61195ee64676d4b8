using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Internal;

/// <summary>
/// For each image, the candidate with the highest score seen so far, as the original kept its
/// "worst" transform or corruption: a later candidate replaces the kept one only when strictly
/// better, so ties keep the earliest. Updated in place on the device.
/// </summary>
internal sealed class BestCandidates
{
    public BestCandidates(long images, Device device)
    {
        Scores = full(images, double.NegativeInfinity, ScalarType.Float32, device);
        Indices = full(images, -1L, ScalarType.Int64, device);
        Logits = zeros(images, 2, ScalarType.Float32, device);
    }

    /// <summary>[B] best score so far (-inf before any candidate, and when every score was NaN).</summary>
    public Tensor Scores { get; }

    /// <summary>[B] index of the kept candidate, -1 when none.</summary>
    public Tensor Indices { get; }

    /// <summary>[B,2] logits of the kept candidate.</summary>
    public Tensor Logits { get; }

    /// <summary>Considers candidates <paramref name="firstIndex"/>.. with scores [B,K] and logits [B,K,2].</summary>
    public void Offer(Tensor scores, Tensor logits, long firstIndex)
    {
        using var scope = NewDisposeScope();
        var (best, position) = scores.max(1);
        var better = best.gt(Scores);
        var chosen = logits.gather(1, position.reshape(-1, 1, 1).expand(-1, 1, 2)).squeeze(1);
        Scores.copy_(where(better, best, Scores));
        Indices.copy_(where(better, position + firstIndex, Indices));
        Logits.copy_(where(better.unsqueeze(1), chosen, Logits));
    }
}
