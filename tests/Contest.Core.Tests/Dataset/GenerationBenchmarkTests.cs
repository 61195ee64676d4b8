using Contest.Core.Dataset.Generation;

namespace Contest.Core.Tests.Dataset;

/// <summary>The benchmark's bookkeeping (its rates are measurements, never asserted against a bound).</summary>
public class GenerationBenchmarkTests
{
    [Fact]
    public void Benchmark_SmallRun_ReportsEveryRoundAndLeavesNoFolder()
    {
        var before = BenchFolders();

        var report = GenerationBenchmark.Run(new BenchmarkOptions { Images = 5, Rounds = 2, MaxParallelism = 2, Seed = 3 });

        Assert.Equal((4, 2, 2, 2), (report.Images, report.Parallelism, report.GenerationRates.Count, report.EncodeRates.Count));
        Assert.All(report.GenerationRates.Concat(report.EncodeRates), rate => Assert.True(rate > 0 && double.IsFinite(rate), $"rate {rate}"));
        Assert.Equal(report.Generation / report.Encoding, report.Ratio);
        Assert.Equal(before, BenchFolders());
    }

    private static string[] BenchFolders() =>
        Directory.GetDirectories(Path.GetTempPath(), "contest-dataset-bench-*").Order().ToArray();
}
