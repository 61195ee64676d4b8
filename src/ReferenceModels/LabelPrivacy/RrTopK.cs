namespace Contest.ReferenceModels.LabelPrivacy;

/// <summary>
/// RR-Top-k: randomized response restricted to k candidate labels (the k of highest prior).
/// A true label outside the candidates is replaced by a uniform candidate.
/// </summary>
public static class RrTopK
{
    /// <summary>
    /// If <paramref name="trueLabel"/> is a candidate, returns it with probability e^eps / (e^eps + k - 1) and each other
    /// candidate with probability 1 / (e^eps + k - 1); otherwise returns a uniformly chosen candidate.
    /// With a single candidate, returns it without drawing.
    /// </summary>
    /// <param name="candidates">The k labels of highest prior: distinct, non-negative, k at least 1.</param>
    public static int Draw(int trueLabel, IReadOnlyList<int> candidates, double epsilon, Random random)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(random);
        LabelPrivacyArguments.ThrowIfInvalidEpsilon(epsilon);
        ArgumentOutOfRangeException.ThrowIfNegative(trueLabel);
        CheckCandidates(candidates);
        return DrawChecked(trueLabel, candidates, epsilon, random);
    }

    /// <summary>The draw itself, for callers whose candidates are distinct by construction.</summary>
    internal static int DrawChecked(int trueLabel, IReadOnlyList<int> candidates, double epsilon, Random random)
    {
        var k = candidates.Count;
        if (k == 1)
            return candidates[0];

        var position = IndexOf(candidates, trueLabel);
        if (position < 0)
            return candidates[random.Next(k)];
        if (random.NextDouble() < RandomizedResponse.Keep(k, epsilon))
            return trueLabel;
        // A uniform draw among the k - 1 other candidates: skip over the true label's position.
        var other = random.Next(k - 1);
        return candidates[other >= position ? other + 1 : other];
    }

    private static int IndexOf(IReadOnlyList<int> candidates, int label)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i] == label)
                return i;
        }
        return -1;
    }

    private static void CheckCandidates(IReadOnlyList<int> candidates)
    {
        if (candidates.Count == 0)
            throw new ArgumentException("RR-Top-k needs at least one candidate label.", nameof(candidates));
        var seen = new HashSet<int>();
        foreach (var label in candidates)
        {
            if (label < 0)
                throw new ArgumentException($"Candidate label {label} is negative.", nameof(candidates));
            if (!seen.Add(label))
                throw new ArgumentException($"Candidate label {label} appears more than once; candidates must be distinct.", nameof(candidates));
        }
    }
}
