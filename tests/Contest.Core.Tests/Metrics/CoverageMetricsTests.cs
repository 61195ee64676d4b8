using Contest.Core.Metrics;
using static Contest.Core.ClassLabel;

namespace Contest.Core.Tests.Metrics;

public class CoverageMetricsTests
{
    // Ten images; confidences 10, 9, ..., 1. Wrong predictions at confidences 9 and 2.
    private static readonly Logits[] Ten =
    [
        new(10, 0), new(0, 9), new(8, 0), new(0, 7), new(6, 0),
        new(0, 5), new(4, 0), new(0, 3), new(0, 2), new(1, 0),
    ];

    private static readonly ClassLabel[] TenLabels =
        [Bicycle, Bicycle, Bicycle, Bird, Bicycle, Bird, Bicycle, Bird, Bicycle, Bicycle];

    [Fact]
    public void Logits_ConfidenceIsTheLargerRawLogit_TiesPredictBicycle()
    {
        Assert.Equal(3f, new Logits(-1, 3).Confidence);
        Assert.Equal(Bird, new Logits(-1, 3).Prediction);
        Assert.Equal(Bicycle, new Logits(2, 2).Prediction);
    }

    [Fact]
    public void Evaluate_HandComputedCase_MatchesTheKit()
    {
        var metrics = CoverageMetrics.Evaluate(Ten, TenLabels);

        // k = int(0.8 * 10) = 8 -> threshold = 8th largest = 3; covered = confidences >= 3 (8 images);
        // the error at confidence 9 (index 1) is covered, the one at 2 (index 8) is not.
        Assert.Equal(3f, metrics.At80.Threshold);
        Assert.Equal(8, metrics.At80.Covered);
        Assert.Equal([1], metrics.At80.ConfidentErrorIndices);
        Assert.Equal(1 - (1 / 8.0), metrics.AccuracyAt80, 12);
        Assert.Equal([1, 8], metrics.At100.ConfidentErrorIndices);
        Assert.Equal(0.8, metrics.AccuracyAt100, 12);
    }

    [Fact]
    public void Evaluate_RiskCoverage_IsErrorsOverCTimesN()
    {
        var risk = CoverageMetrics.Evaluate(Ten, TenLabels).RiskCoverage;

        Assert.Equal(100, risk.Count);
        // c = 0.10: k = 1, threshold 10, covers index 0 only, no error -> 0.
        Assert.Equal(0, risk[9], 12);
        // c = 0.20: k = 2, threshold 9, covers indices 0,1 -> 1 error / (0.2 * 10) = 0.5.
        Assert.Equal(0.5, risk[19], 12);
        // c = 0.05: k = int(0.5) = 0 -> everything covered -> 2 errors / 0.5 = 4.
        Assert.Equal(4, risk[4], 12);
        // c = 1.00: 2 errors / 10.
        Assert.Equal(0.2, risk[99], 12);
    }

    [Fact]
    public void AtCoverage_TiesAtTheThreshold_CoverMoreThanK()
    {
        // Confidences 5, 4, 4, 4, 1 and k = int(0.4 * 5) = 2 -> threshold 4 covers four images.
        Logits[] logits = [new(5, 0), new(4, 0), new(0, 4), new(4, 1), new(1, 0)];
        ClassLabel[] labels = [Bicycle, Bicycle, Bicycle, Bicycle, Bicycle];

        var result = CoverageMetrics.AtCoverage(logits, labels, 0.4);

        Assert.Equal(4f, result.Threshold);
        Assert.Equal(4, result.Covered);
        Assert.Equal([2], result.ConfidentErrorIndices);
        Assert.Equal(0.75, result.Accuracy, 12);
    }

    [Fact]
    public void AtCoverage_KIsComputedLikePythonIntOfAFloat()
    {
        // 0.29 * 100 = 28.999999999999996 in double precision -> k = 28, not 29.
        var logits = Enumerable.Range(0, 100).Select(i => new Logits(100 - i, 0)).ToArray();
        var labels = Enumerable.Repeat(Bicycle, 100).ToArray();

        var result = CoverageMetrics.AtCoverage(logits, labels, 0.29);

        Assert.Equal(28, result.Covered);
    }

    [Fact]
    public void Evaluate_AllTied_EverythingIsCovered()
    {
        Logits[] logits = [new(1, 1), new(1, 1), new(1, 1), new(1, 1), new(1, 1)];
        ClassLabel[] labels = [Bicycle, Bird, Bicycle, Bird, Bicycle];

        var metrics = CoverageMetrics.Evaluate(logits, labels);

        Assert.Equal(5, metrics.At80.Covered);
        Assert.Equal([1, 3], metrics.At80.ConfidentErrorIndices);
        Assert.Equal(0.6, metrics.AccuracyAt80, 12);
    }

    [Fact]
    public void Evaluate_MismatchedLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => CoverageMetrics.Evaluate([new(1, 0)], [Bird, Bird]));
    }

    [Fact]
    public void ThresholdView_AbstainsBelowAndCountsWrongAnswersAtOrAbove()
    {
        Logits[] logits = [new(5, 0), new(0, 3), new(2.9f, 0), new(float.NaN, float.NaN)];
        ClassLabel[] labels = [Bicycle, Bicycle, Bird, Bird];

        var view = ThresholdView.Of(logits, labels, threshold: 3f);

        // 3 >= 3 answers (wrongly: bird for a bicycle); 2.9 abstains; NaN abstains.
        Assert.Equal([1], view.ConfidentMistakeIndices);
        Assert.Equal([2, 3], view.AbstentionIndices);
    }
}
