namespace Contest.Core.Metrics;

/// <summary>What the original kit computed at one coverage level.</summary>
/// <param name="Coverage">The requested coverage c in (0, 1].</param>
/// <param name="Threshold">The confidence threshold s[k-1]; negative infinity when k = 0.</param>
/// <param name="Covered">Images with confidence at or above the threshold (ties can exceed k).</param>
/// <param name="ConfidentErrorIndices">Covered images predicted wrongly, in index order.</param>
public sealed record CoverageResult(double Coverage, float Threshold, int Covered, IReadOnlyList<int> ConfidentErrorIndices)
{
    /// <summary>1 - errors / covered (1 when nothing is covered).</summary>
    public double Accuracy => Covered == 0 ? 1.0 : 1.0 - (double)ConfidentErrorIndices.Count / Covered;
}
