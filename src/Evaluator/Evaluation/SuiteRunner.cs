using System.Diagnostics;
using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Core.Metrics;
using Contest.Core.Rules;
using Contest.Evaluator.Attacks;
using Contest.Evaluator.Data;
using Contest.Evaluator.Reports;
using Contest.Evaluator.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using AttackResult = Contest.Contracts.V1.AttackResult;

namespace Contest.Evaluator.Evaluation;

/// <summary>
/// Runs an attack suite over a split: each attack's outputs scored exactly as the original kit did
/// (threshold recomputed per attack), the contest view against the defense's eligibility threshold,
/// and the artifacts (per-image CSV, risk-coverage plots, adversarial images) in the job folder.
/// </summary>
internal sealed class SuiteRunner(IDefenseModel model, Device device, IPhaseProgress progress, string artifacts, int preferredBatchSize = 0)
{
    /// <summary>
    /// Images per forward call during attacks: small batches keep a CPU's caches warm (32 runs the small
    /// CNNs about a third faster than 128 on two cores); a GPU wants large ones.
    /// </summary>
    public static int ForwardBatchSizeFor(Device device) => device.type == DeviceType.CUDA ? 256 : 32;

    private int ForwardBatchSize => preferredBatchSize > 0 ? preferredBatchSize : ForwardBatchSizeFor(device);

    public EvaluationReport Run(string suite, Contracts.V1.Profile profile, long seed, IReadOnlyList<LocalImage> images, float threshold,
        CancellationToken cancellationToken)
    {
        var attacks = AttacksOf(suite);
        var attackProfile = profile == Contracts.V1.Profile.Quick ? AttackProfile.Quick : AttackProfile.Standard;
        using var pixels = ImageTensors.Load(images, device, progress, cancellationToken);
        using var labels = tensor(images.Select(i => (long)i.Label.ColumnOf()).ToArray()).to(device);
        // Measured first, at the batch size the attacks use; this also warms the model up (libtorch's JIT
        // specialises on the first calls at a new shape), so the first attack's rate is not skewed by it.
        var rawRate = BatchedForward.RawRate(model, pixels, TimeSpan.FromSeconds(1), ForwardBatchSize);
        var report = new EvaluationReport
        {
            Suite = suite,
            Profile = profile,
            Split = "test",
            Device = device.ToString(),
            EligibilityThreshold = threshold,
            RawForwardImagesPerSecond = rawRate,
            FinishedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow),
        };
        var curves = new List<(string Name, IReadOnlyList<double> Risk)>();
        foreach (var name in attacks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var attack = AttackRegistry.Create(name, attackProfile);
            var count = attack.ImageLimit is { } limit ? Math.Min(limit, images.Count) : images.Count;
            var result = RunOne(attack, pixels, labels, images, count, AttackSeed(seed, name), threshold, cancellationToken);
            report.Attacks.Add(result.Summary);
            report.Images.AddRange(result.Images);
            if (result.Summary.SkippedReason.Length == 0)
                curves.Add((name, result.Summary.RiskCoverage));
        }
        if (curves.Count > 0)
            RiskCoveragePlot.Save(Path.Combine(artifacts, "risk_coverage.png"), curves, $"Risk-coverage ({suite}, {Words.Of(profile)} profile)");
        return report;
    }

    private (AttackResult Summary, List<ImageResult> Images) RunOne(IAttack attack, Tensor pixels, Tensor labels, IReadOnlyList<LocalImage> images,
        int count, long seed, float threshold, CancellationToken cancellationToken)
    {
        var summary = new AttackResult { Name = attack.Name, Profile = attack.Profile == AttackProfile.Quick ? Contracts.V1.Profile.Quick : Contracts.V1.Profile.Standard, Seed = seed };
        foreach (var parameter in attack.Parameters)
            summary.Parameters[parameter.Name] = parameter.Value;
        var watch = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        using var outcome = attack.Run(new AttackInput
        {
            Images = pixels[..count],
            Labels = labels[..count],
            Model = model,
            Seed = (ulong)seed,
            ForwardBatchSize = ForwardBatchSize,
            // The boundary attack starts from images of the other class drawn from the whole split, as the original did.
            StartingPool = new LabelledImages(pixels, labels),
            Progress = new SynchronousProgress(p => progress.Report(attack.Name, p.ImagesDone, p.ImagesTotal, p.ForwardImages)),
        }, cancellationToken);
        watch.Stop();
        if (outcome.Outcome == AttackOutcome.Skipped)
        {
            summary.SkippedReason = outcome.SkipReason ?? "skipped";
            return (summary, []);
        }

        var raw = outcome.Logits!.cpu().data<float>().ToArray();
        var logits = Enumerable.Range(0, count).Select(i => new Logits(raw[2 * i], raw[(2 * i) + 1])).ToList();
        var truth = images.Take(count).Select(i => i.Label.ToClassLabel()).ToList();
        var metrics = CoverageMetrics.Evaluate(logits, truth);
        summary.Images = count;
        summary.AccuracyAt80 = metrics.AccuracyAt80;
        summary.AccuracyAt100 = metrics.AccuracyAt100;
        summary.ThresholdAt80 = metrics.At80.Threshold;
        summary.ConfidentErrorIndicesAt80.AddRange(metrics.At80.ConfidentErrorIndices);
        summary.ConfidentErrorIndicesAt100.AddRange(metrics.At100.ConfidentErrorIndices);
        summary.RiskCoverage.AddRange(metrics.RiskCoverage);
        summary.Seconds = watch.Elapsed.TotalSeconds;
        summary.ForwardImagesPerSecond = outcome.ForwardImages / Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
        if (threshold > 0)
        {
            var view = ThresholdView.Of(logits, truth, threshold);
            summary.ConfidentMistakesAtThreshold = view.ConfidentMistakeIndices.Count;
            summary.AbstentionsAtThreshold = view.AbstentionIndices.Count;
        }

        var results = new List<ImageResult>(count);
        for (var i = 0; i < count; i++)
        {
            results.Add(new ImageResult
            {
                Index = i,
                Id = images[i].Id,
                Label = images[i].Label,
                Attack = attack.Name,
                Logits = { logits[i].Bicycle, logits[i].Bird },
            });
        }
        var folder = Path.Combine(artifacts, attack.Name);
        ImageResultsCsv.Save(Path.Combine(folder, "images.csv"), results, metrics, threshold);
        RiskCoveragePlot.Save(Path.Combine(folder, "risk_coverage.png"), [(attack.Name, metrics.RiskCoverage)], $"Risk-coverage: {attack.Name}");
        AdversarialImagesZip.Save(Path.Combine(folder, "adversarial_images.zip"), outcome.Images!, results);
        return (summary, results);
    }

    // The server checks the suite when the evaluation is asked for; should one still arrive unknown,
    // the job fails with a reason for the defender rather than a crash.
    private static IReadOnlyList<string> AttacksOf(string suite) =>
        AttackSuites.IsKnown(suite) ? AttackSuites.AttacksOf(suite) : throw new DefenseContractException($"unknown suite '{suite}'.");

    /// <summary>Each attack's seed, derived from the job's (secret) evaluation seed and the attack's name.</summary>
    private static long AttackSeed(long seed, string name)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{seed}:{name}"));
        return BitConverter.ToInt64(hash, 0) & long.MaxValue;
    }

    /// <summary>Reports on the attack's own thread.</summary>
    private sealed class SynchronousProgress(Action<AttackProgress> report) : IProgress<AttackProgress>
    {
        public void Report(AttackProgress value) => report(value);
    }
}
