namespace Contest.ReferenceModels.LabelPrivacy;

/// <summary>
/// RR-with-prior: pick the candidate-set size k* from the prior alone, then apply RR-Top-k* to the k* labels of highest prior.
/// k* does not depend on the true label, so the mechanism is eps-label-DP.
/// </summary>
/// <remarks>
/// A prior must be finite, non-negative, not all zero, over at least 2 labels, and sum to 1 within 1e-6. The choice of k* is
/// scale-free (multiplying the prior by a constant does not move it), so a drift within that tolerance needs no renormalising.
/// </remarks>
public static class RrWithPrior
{
    /// <summary>
    /// k* = argmax over k in 1..K of [e^eps / (e^eps + k - 1)] * (sum of the k largest prior entries); ties go to the smallest k.
    /// eps = +infinity gives K, so that every label, even one of zero prior, is kept.
    /// </summary>
    /// <remarks>
    /// We follow the paper's formula, with weight e^eps / (e^eps + k - 1) for a set of k labels, rather than its public code,
    /// which is reported to index k from 0 in that weight. The formula is the one the privacy proof and the two-class reduction
    /// are stated for: with K = 2 the prior decides alone exactly when its top probability reaches e^eps / (1 + e^eps).
    /// </remarks>
    public static int ChooseK(ReadOnlySpan<double> prior, double epsilon)
    {
        LabelPrivacyArguments.ThrowIfInvalidEpsilon(epsilon);
        LabelPrivacyArguments.ThrowIfInvalidPrior(prior);
        return ChooseRanked(prior, Rank(prior), epsilon);
    }

    /// <summary>The <paramref name="k"/> labels of highest prior, highest first; equal priors in increasing label order.</summary>
    public static int[] TopLabels(ReadOnlySpan<double> prior, int k)
    {
        LabelPrivacyArguments.ThrowIfInvalidPrior(prior);
        if (k < 1 || k > prior.Length)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [1, {prior.Length}] for a prior over {prior.Length} labels; got {k}.");
        return Rank(prior)[..k];
    }

    /// <summary>RR-Top-k* with the k* labels of highest prior; returns the released label and k*.</summary>
    public static LabelDraw Draw(int trueLabel, ReadOnlySpan<double> prior, double epsilon, Random random)
    {
        LabelPrivacyArguments.ThrowIfInvalidEpsilon(epsilon);
        LabelPrivacyArguments.ThrowIfInvalidPrior(prior);
        LabelPrivacyArguments.ThrowIfOutside(trueLabel, prior.Length);
        ArgumentNullException.ThrowIfNull(random);

        var ranking = Rank(prior);
        var k = ChooseRanked(prior, ranking, epsilon);
        var label = RrTopK.DrawChecked(trueLabel, new ArraySegment<int>(ranking, 0, k), epsilon, random);
        return new LabelDraw(label, k);
    }

    /// <summary>All labels, highest prior first, equal priors in increasing label order (a total order, so the sort is deterministic).</summary>
    private static int[] Rank(ReadOnlySpan<double> prior)
    {
        var values = prior.ToArray();
        var ranking = new int[values.Length];
        for (var i = 0; i < ranking.Length; i++)
            ranking[i] = i;
        Array.Sort(ranking, (a, b) => values[a] != values[b] ? values[b].CompareTo(values[a]) : a.CompareTo(b));
        return ranking;
    }

    /// <summary>The argmax of <see cref="ChooseK"/>, found by growing the set while that raises the objective.</summary>
    /// <remarks>
    /// With p sorted and S_k the mass of the top k, growing from k to k + 1 helps iff p_(k+1) (e^eps + k - 1) > S_k. The left side
    /// minus the right only falls as k grows (by (p_(k+1) - p_(k+2)) (e^eps + k)), so the first k where growing does not help is
    /// the argmax, and stopping on a tie gives the smallest k. The test is made in logs, as
    /// ln p_(k+1) + ln(1 + (k - 1) e^-eps) > ln S_k - eps, which neither overflows for large eps nor loses tiny priors
    /// the way comparing products close to 1 would.
    /// </remarks>
    private static int ChooseRanked(ReadOnlySpan<double> prior, int[] ranking, double epsilon)
    {
        if (double.IsPositiveInfinity(epsilon))
            return ranking.Length;
        var decay = Math.Exp(-epsilon);
        var mass = prior[ranking[0]];
        for (var k = 1; k < ranking.Length; k++)
        {
            var next = prior[ranking[k]];
            // A zero entry gives ln 0 = -infinity, which never helps.
            if (!(Math.Log(next) + LogOnePlus((k - 1) * decay) > Math.Log(mass) - epsilon))
                return k;
            mass += next;
        }
        return ranking.Length;
    }

    /// <summary>ln(1 + x) accurate for tiny x (double.LogP1 is Math.Log(1 + x), which rounds x away below 1e-16).</summary>
    private static double LogOnePlus(double x)
    {
        var u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }
}
