using System.CommandLine;
using System.Globalization;
using Contest.Core.Dataset;
using Contest.Core.Dataset.Generation;

namespace Contest.Evaluator.Bench;

/// <summary>
/// `bench dataset`: writes a generated test split for the other bench commands, so a machine that has
/// the evaluator but no client (the GPU run, bench/gpu-check.sh) can still make one.
/// </summary>
internal static class DatasetBench
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Root folder; images go to DIR/synthetic-1/test/<class>/.", Required = true };
        var perClass = new Option<int>("--test-per-class") { Description = "Test images per class.", DefaultValueFactory = _ => 125 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of every image.", DefaultValueFactory = _ => SyntheticDataset.DefaultSeed };
        var command = new Command("dataset", "Generate a test split (the embedded synthetic set) for `bench eval` and `bench attacks`.") { output, perClass, seed };
        command.SetAction(parse =>
        {
            var count = parse.GetValue(perClass);
            if (count < 1)
            {
                parse.InvocationConfiguration.Error.WriteLine("error: --test-per-class must be at least 1.");
                return 2;
            }
            var none = SplitCounts.Parse("train=0,test=0,extras=0,eligibility=0");
            var report = DatasetGenerator.Generate(new GenerationOptions
            {
                Root = parse.GetValue(output)!,
                Seed = parse.GetValue(seed),
                Counts = none.With(DatasetSplit.Test, count),
            });
            parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"dataset:         {report.Written + report.Kept} test images in {report.VersionDirectory} ({report.Written} written, {report.Kept} kept, {report.Elapsed.TotalSeconds:F1} s)"));
            return 0;
        });
        return command;
    }
}
