namespace Contest.Evaluator.Analyses.LabelDp;

/// <summary>Ghazi et al. (2021), test accuracy in %: other datasets (CIFAR-10, Fashion-MNIST), shown beside ours for the trend only.</summary>
internal static class PublishedLabelDp
{
    public sealed record Row(string Dataset, string Method, double Epsilon, double AccuracyPercent);

    public static IReadOnlyList<Row> Rows { get; } =
    [
        new("CIFAR-10", "LP-1ST", 1, 59.96), new("CIFAR-10", "LP-2ST", 1, 63.67),
        new("CIFAR-10", "LP-1ST", 2, 82.38), new("CIFAR-10", "LP-2ST", 2, 86.05),
        new("CIFAR-10", "LP-1ST", 4, 92.58), new("CIFAR-10", "LP-2ST", 4, 93.37),
        new("CIFAR-10", "LP-1ST", 8, 94.70), new("CIFAR-10", "LP-2ST", 8, 94.52),
        new("CIFAR-10", "non-private", double.PositiveInfinity, 94.96),
        new("Fashion-MNIST", "LP-2ST", 1, 83.26), new("Fashion-MNIST", "LP-2ST", 2, 91.24),
        new("Fashion-MNIST", "LP-2ST", 3, 93.18), new("Fashion-MNIST", "LP-2ST", 4, 94.10),
        new("Fashion-MNIST", "non-private", double.PositiveInfinity, 94.28),
    ];
}
