using Contest.Contracts;
using Contest.Evaluator.Analyses.LabelDp;
using Contest.Evaluator.Data;
using Contest.Evaluator.Tests.Training;
using Contest.ReferenceModels.LabelPrivacy;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Analyses;

/// <summary>The label-DP sweep on the tiny generated set: every planned run, continued from stored runs, reported.</summary>
[Collection(TrainingCollection.Name)]
public class LabelDpSweepTests
{
    [Fact]
    public void Run_TrainsEveryMethodAndSeed_AndAResumedSweepTrainsOnlyWhatIsMissing()
    {
        var settings = Tiny(new() { ["epsilons"] = "1,inf", ["seeds"] = "2" });
        var sweep = new LabelDpSweep(settings, TrainerTests.TinySet(), TrainerTests.TinySet(), CPU, IPhaseProgress.None);
        var stored = new List<int>();

        var runs = sweep.Run([], all => stored.Add(all.Count), CancellationToken.None);

        Assert.Equal(
            [(1.0, SweepMethod.Lp1st, 11L), (1.0, SweepMethod.Lp1st, 12L), (1.0, SweepMethod.Lp2st, 11L), (1.0, SweepMethod.Lp2st, 12L),
             (double.PositiveInfinity, SweepMethod.NonPrivate, 11L), (double.PositiveInfinity, SweepMethod.NonPrivate, 12L)],
            runs.Select(r => (r.Epsilon, r.Method, r.Seed)));
        Assert.Equal([1, 2, 3, 4, 5, 6], stored);
        Assert.All(runs.Where(r => r.Method != SweepMethod.NonPrivate), r => Assert.Equal(16, r.Release.Drawn));
        Assert.All(runs.Where(r => r.Method == SweepMethod.NonPrivate), r => Assert.Equal(0, r.Release.Drawn));

        var resumedCalls = 0;
        var resumed = sweep.Run(runs.Take(4).ToList(), _ => resumedCalls++, CancellationToken.None);
        Assert.Equal(2, resumedCalls);
        Assert.Equal(runs.Take(4), resumed.Take(4));
    }

    [Fact]
    public void Report_HasACellPerEpsilonAndMethod_ThePairedDifferences_AndThePaperRowsAsAnotherDataset()
    {
        var settings = Tiny(new() { ["epsilons"] = "1,inf", ["seeds"] = "2" });
        SweepRun Run(double epsilon, SweepMethod method, long seed, double accuracy, int flipped) =>
            new(epsilon, method, seed, accuracy, method == SweepMethod.NonPrivate ? new StageRelease(-1, 0, 0, 0, 0, 0) : new StageRelease(-1, 100, 0, 0, 100, flipped), 1);
        SweepRun[] runs =
        [
            Run(1, SweepMethod.Lp1st, 11, 0.60, 27), Run(1, SweepMethod.Lp1st, 12, 0.70, 26),
            Run(1, SweepMethod.Lp2st, 11, 0.65, 28), Run(1, SweepMethod.Lp2st, 12, 0.80, 25),
            Run(double.PositiveInfinity, SweepMethod.NonPrivate, 11, 0.95, 0), Run(double.PositiveInfinity, SweepMethod.NonPrivate, 12, 0.97, 0),
        ];

        var result = LabelDpSweepReport.Build(settings, runs, 16, 16, "cpu");

        Assert.Equal(["cells", "lp2st_vs_lp1st", "runs", "published"], result.Tables.Select(t => t.Name));
        var cells = result.Tables[0];
        Assert.Equal(3, cells.Rows.Count);
        Assert.Equal(["1", "LP-1ST", "2", "65.0", "7.1"], cells.Rows[0].Cells.Take(5));
        // 53 flips in 200 draws at theory 26.9%: well inside the 99% interval.
        Assert.Equal("yes", cells.Rows[0].Cells[cells.Columns.IndexOf("consistent")]);
        Assert.Equal(["1", "65.0", "72.5", "+7.5", "3.5", "2 of 2 seeds"], result.Tables[1].Rows[0].Cells);
        Assert.Equal(0.075, result.Summary["lp2st_minus_lp1st_eps_1"], 9);
        Assert.Equal(0.96, result.Summary["non_private_accuracy"], 9);
        Assert.Equal(1, result.Summary["flip_rates_consistent_fraction"]);
        Assert.Contains(result.Tables[3].Rows, r => r.Cells.SequenceEqual(["CIFAR-10", "LP-2ST", "1", "63.67"]));
        Assert.Equal([LabelDpSweepReport.PlotArtifact, LabelDpSweepReport.RunsCsvArtifact], result.Artifacts.Select(a => a.Name));
    }

    [Fact]
    public void ProgressFile_KeepsTheRunsForTheSameSettings_AndIgnoresAnotherSweeps()
    {
        using var folder = new Contest.Tests.Shared.TempDirectory("sweep");
        var path = Path.Combine(folder.Path, "latest.ckpt");
        SweepRun[] runs = [new(double.PositiveInfinity, SweepMethod.NonPrivate, 3, 0.9, new StageRelease(-1, 0, 0, 0, 0, 0), 2)];

        SweepProgressFile.Save(path, "settings-a", runs);

        Assert.Equal(runs, SweepProgressFile.Load(path, "settings-a"));
        Assert.Empty(SweepProgressFile.Load(path, "settings-b"));
        File.WriteAllText(path, "{ not json");
        Assert.Empty(SweepProgressFile.Load(path, "settings-a"));
    }

    [Theory]
    [InlineData(10, 0.5, 1, 9)]
    [InlineData(800, 0.2689414213699951, 183, 248)]
    [InlineData(0, 0.3, 0, 0)]
    public void Binomial_CentralInterval_LeavesAtMostHalfOfTheRestInEachTail(int n, double p, int low, int high)
    {
        Assert.Equal((low, high), Binomial.CentralInterval(n, p, 0.99));
    }

    private static LabelDpSweepSettings Tiny(Dictionary<string, string> parameters)
    {
        parameters["epochs"] = "1";
        var settings = LabelDpSweepSettings.From(parameters, seed: 11);
        return settings with { Base = settings.Base with { BatchSize = 4 } };
    }
}
