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
/// `bench eval`: the evaluation engine's clean phase against a raw forward loop of the same model on
/// the same device, in one run, so the engine's overhead shows as a ratio (images already decoded:
/// decoding is a one-off per job, reported separately).
/// </summary>
internal static class BenchCommand
{
    public static Command Create(Option<string> device)
    {
        var model = new Option<string>("--model") { Description = "A TorchScript (.pt) or ONNX (.onnx) model file.", Required = true };
        var dataset = new Option<string>("--dataset") { Description = "A dataset folder (e.g. from `contest dataset generate`).", Required = true };
        var split = new Option<string>("--split") { Description = "The split to run on.", DefaultValueFactory = _ => "test" };
        var repeats = new Option<int>("--repeats") { Description = "Timed repetitions of each measurement (the best is reported).", DefaultValueFactory = _ => 3 };
        var eval = new Command("eval", "Clean-suite images/s next to the raw forward rate of the same model on the same device.") { model, dataset, split, repeats };
        eval.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var target = DeviceSelector.Resolve(DeviceSelector.Parse(parse.GetValue(device)!));
            BenchEnvironment.Describe(output, parse.InvocationConfiguration.Error, target);
            var path = parse.GetValue(model)!;
            var format = path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) ? ModelFormat.Onnx : ModelFormat.Torchscript;
            using var defense = DefenseLoader.Load(path, format, target);
            var reader = DatasetReader.Open(parse.GetValue(dataset)!);
            if (!DatasetSplits.TryParse(parse.GetValue(split), out var which))
                throw new ArgumentException($"unknown split '{parse.GetValue(split)}'");
            var files = reader.List(which).Select(e => new LocalImage(e.Id, e.Label.ToLabel(), reader.FullPath(e))).ToList();

            var decode = Stopwatch.StartNew();
            using (ImageTensors.Load(files, target, IPhaseProgress.None))
                decode.Stop();

            // The job's own path (decoding, batching, metrics, artifacts), interleaved with the raw loop.
            var ordered = EvaluationOrder.Interleave(files);
            double engine = 0, raw = 0;
            for (var r = 0; r < Math.Max(1, parse.GetValue(repeats)); r++)
            {
                var scratch = Directory.CreateTempSubdirectory("contest-bench-").FullName;
                try
                {
                    var report = new SuiteRunner(defense, target, IPhaseProgress.None, scratch)
                        .Run(AttackSuites.Clean, Profile.Standard, seed: 1, ordered, threshold: 0, CancellationToken.None);
                    engine = Math.Max(engine, report.Attacks[0].ForwardImagesPerSecond);
                    raw = Math.Max(raw, report.RawForwardImagesPerSecond);
                }
                finally
                {
                    Directory.Delete(scratch, recursive: true);
                }
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model:           {Path.GetFileName(path)} ({format}) on {target}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"images:          {files.Count} ({which.Name()}), decoded and resized in {decode.Elapsed.TotalSeconds:F2} s ({files.Count / decode.Elapsed.TotalSeconds:F0} images/s, once per job)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"raw forward:     {raw:F1} images/s (batch {SuiteRunner.ForwardBatchSizeFor(target)}, best of {parse.GetValue(repeats)})"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clean suite:     {engine:F1} images/s (the evaluation job's clean phase, best of {parse.GetValue(repeats)})"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine / raw:    {engine / raw:P1}"));
            return 0;
        });
        var bench = new Command("bench", "Measure the evaluation engine on this machine.");
        bench.Subcommands.Add(eval);
        bench.Subcommands.Add(AttacksBench.Create(device));
        bench.Subcommands.Add(VerdictsBench.Create(device));
        bench.Subcommands.Add(DatasetBench.Create());
        bench.Subcommands.Add(TrainBench.Create(device));
        return bench;
    }
}
