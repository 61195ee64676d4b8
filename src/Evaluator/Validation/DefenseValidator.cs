using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Contest.Core.Rules;
using Contest.Core.Text;
using Contest.Evaluator.Data;
using Contest.Evaluator.Runtime;
using static TorchSharp.torch;

namespace Contest.Evaluator.Validation;

/// <summary>
/// The checks every uploaded defense passes before anything else, in an order that fails fast and
/// gives one reason a defender can act on: output shape and dtype at N = 1, 32 and 7 (and which
/// batch sizes work when one does not), finite logits, the same logits twice for the same images,
/// logits independent of the rest of the batch, and throughput on this worker's device.
/// </summary>
public sealed class DefenseValidator(double minImagesPerSecond, long seed, TimeSpan throughputWindow)
{
    private static readonly int[] RequiredBatchSizes = [1, 32, 7];
    private static readonly int[] ProbeBatchSizes = [1, 2, 3, 4, 5, 6, 8, 16, 32];
    private static readonly int[] ThroughputBatchSizes = [8, 16, 32];
    private const float Tolerance = 1e-4f;

    public ValidationReport Validate(IDefenseModel model, IPhaseProgress progress)
    {
        var checks = new List<ValidationCheckResult>();
        var device = model.Device.ToString();
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)seed);
        var images = rand([32, ImageSpec.Channels, ImageSpec.Side, ImageSpec.Side], generator: generator).to(model.Device);

        progress.Report("checking batch sizes", 0, RequiredBatchSizes.Length);
        Tensor? seven = null;
        for (var i = 0; i < RequiredBatchSizes.Length; i++)
        {
            var n = RequiredBatchSizes[i];
            var (logits, problem, modelMessage) = Run(model, images[..n]);
            if (problem is not null)
            {
                var fixedBatch = FixedBatchReason(model, images, n);
                return Fail(checks, $"batch of {n}", fixedBatch ?? problem, device, modelMessage: fixedBatch is null ? modelMessage : "");
            }
            checks.Add(Pass($"batch of {n}", $"[{n},2] float32 finite logits"));
            if (n == 32)
            {
                // One warm call (the first at a new shape includes the JIT's warm-up) tells a hopeless
                // model apart without spending minutes measuring it.
                var watch = Stopwatch.StartNew();
                Run(model, images[..n]);
                var estimate = 32 / Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
                if (estimate < minImagesPerSecond / 4)
                    return Fail(checks, "throughput", ThroughputReason(estimate, device), device, estimate);
            }
            if (n == 7)
                seven = logits;
            progress.Report("checking batch sizes", i + 1, RequiredBatchSizes.Length);
        }

        progress.Report("checking determinism", 0, 2);
        var (again, _, _) = Run(model, images[..7]);
        var drift = MaxDifference(seven!, again!);
        if (drift > Tolerance)
        {
            return Fail(checks, "deterministic",
                string.Create(CultureInfo.InvariantCulture,
                    $"the same images gave different logits on a second call (max difference {drift:G3}); a contest verdict must be reproducible, so the defense is refused. Derive any randomness from the input (for example seed it from a hash of the image), and flag randomized defenses in the description."),
                device);
        }
        checks.Add(Pass("deterministic", "identical logits on a repeat call"));

        var (alone, _, _) = Run(model, cat([images[..1], images[6..7]]));
        var batchDrift = Math.Max(MaxDifference(alone![..1], seven![..1]), MaxDifference(alone[1..2], seven[6..7]));
        if (batchDrift > Tolerance)
        {
            return Fail(checks, "batch independent",
                string.Create(CultureInfo.InvariantCulture,
                    $"an image's logits depend on the rest of its batch (max difference {batchDrift:G3} between a batch of 7 and a batch of 2); put the model in eval() mode (batch norm uses running statistics) and avoid batch-level statistics."),
                device);
        }
        checks.Add(Pass("batch independent", "the same logits alone as in a batch"));
        progress.Report("checking determinism", 2, 2);

        var (rate, batchSize) = MeasureThroughput(model, images, progress);
        if (rate < minImagesPerSecond)
            return Fail(checks, "throughput", ThroughputReason(rate, device), device, rate);
        checks.Add(Pass("throughput", string.Create(CultureInfo.InvariantCulture,
            $"{rate:F1} images/s on {device} at batch {batchSize} (minimum {minImagesPerSecond:F0})")));
        return new ValidationReport(true, "", checks, rate, device, model.SupportsInputGradients, batchSize);
    }

    /// <summary>
    /// The best sustained rate over a few batch sizes (a CPU often prefers small batches, a GPU large
    /// ones), each warmed up first, and the batch size that reached it.
    /// </summary>
    private (double Rate, int BatchSize) MeasureThroughput(IDefenseModel model, Tensor images, IPhaseProgress progress)
    {
        var best = (Rate: 0.0, BatchSize: 32);
        var window = throughputWindow / ThroughputBatchSizes.Length;
        for (var i = 0; i < ThroughputBatchSizes.Length; i++)
        {
            var n = ThroughputBatchSizes[i];
            var batch = images[..n];
            model.Forward(batch).Dispose();
            var watch = Stopwatch.StartNew();
            var count = 0;
            while (count < 2 * n || watch.Elapsed < window)
            {
                using var logits = model.Forward(batch);
                using var host = logits.cpu();
                count += n;
                if (watch.Elapsed > window * 4)
                    break;
            }
            var rate = count / watch.Elapsed.TotalSeconds;
            if (rate > best.Rate)
                best = (rate, n);
            progress.Report("measuring throughput", i + 1, ThroughputBatchSizes.Length, count);
        }
        return best;
    }

    /// <summary>
    /// When a batch of <paramref name="failedAt"/> fails, probes other sizes: a model traced with a
    /// fixed batch works at exactly one.
    /// </summary>
    private static string? FixedBatchReason(IDefenseModel model, Tensor images, int failedAt)
    {
        var working = ProbeBatchSizes.Where(n => n != failedAt && Run(model, images[..n]).Problem is null).ToList();
        if (working.Count == 0 || working.Count == ProbeBatchSizes.Length - 1)
            return null;
        var works = string.Join(", ", working);
        return working.Count == 1
            ? $"traced with a fixed batch size: works at N={works}, fails at N={failedAt}. Trace with a dynamic batch (or use torch.jit.script), and avoid view/reshape with a hard-coded batch."
            : $"works only at some batch sizes (N={works}), fails at N={failedAt}; the defense must accept any batch size.";
    }

    /// <summary>One forward call: the logits, or what is wrong (our words) and what the model said (its words, owner only).</summary>
    private static (Tensor? Logits, string? Problem, string ModelMessage) Run(IDefenseModel model, Tensor batch)
    {
        var n = batch.shape[0];
        Tensor logits;
        try
        {
            logits = model.Forward(batch);
        }
        catch (DefenseContractException e)
        {
            return (null, e.Message, e.ModelMessage);
        }
        catch (Exception e) when (e is ExternalException or InvalidOperationException or ArgumentException or NotSupportedException or IndexOutOfRangeException)
        {
            return (null, $"forward raised an error on a batch of {n} (the model's message is shown to the defense's team).",
                ModelText.Clean(ErrorText.Message(e.Message)));
        }
        if (logits.dtype != ScalarType.Float32)
            return (null, $"output is {DtypeName(logits.dtype)}; expected float32 logits.", "");
        if (logits.dim() != 2 || logits.shape[0] != n || logits.shape[1] != 2)
            return (null, $"output has shape [{string.Join(",", logits.shape)}]; expected [{n},2] logits (bicycle, bird).", "");
        if (!isfinite(logits).all().item<bool>())
        {
            var row = logits[0].cpu().data<float>().ToArray();
            return (null, string.Create(CultureInfo.InvariantCulture,
                $"logits are not finite (for example image 0 gave [{row[0]}, {row[1]}]); a defense must return real numbers."), "");
        }
        return (logits, null, "");
    }

    private static float MaxDifference(Tensor a, Tensor b) => (a - b).abs().max().item<float>();

    private string ThroughputReason(double rate, string device) => string.Create(CultureInfo.InvariantCulture,
        $"throughput {rate:F1} images/s on {device} is below the minimum of {minImagesPerSecond:F0} images/s; make the model faster (smaller, fewer operations per image).");

    private static string DtypeName(ScalarType type) => type switch
    {
        ScalarType.Float64 => "float64",
        ScalarType.Float16 => "float16",
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Int64 => "int64",
        ScalarType.Int32 => "int32",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static ValidationCheckResult Pass(string name, string detail) => new(name, true, detail);

    private static ValidationReport Fail(List<ValidationCheckResult> checks, string check, string reason, string device, double rate = 0, string modelMessage = "")
    {
        checks.Add(new ValidationCheckResult(check, false, reason));
        return new ValidationReport(false, reason, checks, rate, device, false, ModelMessage: modelMessage);
    }
}
