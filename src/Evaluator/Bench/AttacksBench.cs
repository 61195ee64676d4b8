using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Core.Dataset;
using Contest.Core.Rules;
using Contest.Evaluator.Data;
using Contest.Evaluator.Evaluation;
using Contest.Evaluator.Runtime;

namespace Contest.Evaluator.Bench;

/// <summary>
/// `bench attacks`: the warm-up suite (or another, --suite) as an evaluation job runs it (same code path), printing per
/// attack its wall time and the model-forward images/s during the attack, next to the raw forward
/// rate of the same model on the same device, measured in the same run.
/// </summary>
internal static class AttacksBench
{
    public static Command Create(Option<string> device)
    {
        var model = new Option<string>("--model") { Description = "A TorchScript (.pt) or ONNX (.onnx) model file.", Required = true };
        var dataset = new Option<string>("--dataset") { Description = "A dataset folder (e.g. from `contest dataset generate`).", Required = true };
        var profile = new Option<string>("--profile") { Description = "quick or standard.", DefaultValueFactory = _ => "quick" };
        var limit = new Option<int>("--limit") { Description = "Only the first N test images (0 = all)." };
        var suite = new Option<string>("--suite") { Description = "warmup, or clean (the job's fixed costs without the attacks).", DefaultValueFactory = _ => AttackSuites.Warmup };
        suite.AcceptOnlyFromAmong([.. AttackSuites.All]);
        var command = new Command("attacks", "Per attack: wall time and forward images/s, next to the raw forward rate.") { model, dataset, profile, limit, suite };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var target = DeviceSelector.Resolve(DeviceSelector.Parse(parse.GetValue(device)!));
            BenchEnvironment.Describe(output, parse.InvocationConfiguration.Error, target);
            var path = parse.GetValue(model)!;
            var format = path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) ? ModelFormat.Onnx : ModelFormat.Torchscript;
            var chosen = parse.GetValue(profile) == "standard" ? Contracts.V1.Profile.Standard : Contracts.V1.Profile.Quick;
            using var defense = DefenseLoader.Load(path, format, target);
            var reader = DatasetReader.Open(parse.GetValue(dataset)!);
            var files = EvaluationOrder.Interleave(reader.List(Core.Dataset.DatasetSplit.Test)
                .Select(e => new LocalImage(e.Id, e.Label.ToLabel(), reader.FullPath(e))).ToList());
            if (parse.GetValue(limit) > 0)
                files = files.Take(parse.GetValue(limit)).ToList();

            using var scratch = new TemporaryFolder();
            var clock = Stopwatch.StartNew();
            var report = new SuiteRunner(defense, target, IPhaseProgress.None, scratch.Path)
                .Run(parse.GetValue(suite)!, chosen, seed: 1, files, threshold: 0, CancellationToken.None);
            clock.Stop();

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(path)} on {target}, {files.Count} test images, {Words.Of(chosen)} profile; raw forward {report.RawForwardImagesPerSecond:F0} images/s"));
            output.WriteLine($"{"attack",-30} {"images",7} {"seconds",8} {"forward img/s",14} {"vs raw",7} {"acc@80",7}");
            foreach (var a in report.Attacks)
            {
                if (a.SkippedReason.Length > 0)
                {
                    output.WriteLine($"{a.Name,-30} skipped: {a.SkippedReason}");
                    continue;
                }
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{a.Name,-30} {a.Images,7} {a.Seconds,8:F1} {a.ForwardImagesPerSecond,14:F0} {100 * a.ForwardImagesPerSecond / report.RawForwardImagesPerSecond,5:F0} % {a.AccuracyAt80,7:P1}"));
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"whole suite: {clock.Elapsed.TotalSeconds:F1} s (images decoded once, artifacts written)"));
            return 0;
        });
        return command;
    }

    /// <summary>Where the benchmark's artifacts go, removed afterwards.</summary>
    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("contest-bench-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
