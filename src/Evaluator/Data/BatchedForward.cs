using System.Diagnostics;
using Contest.Evaluator.Runtime;
using static TorchSharp.torch;

namespace Contest.Evaluator.Data;

/// <summary>Logits for many images, in batches on the model's device, with the forward rate measured.</summary>
internal static class BatchedForward
{
    public const int BatchSize = 32;

    /// <summary>Logits [N,2] on the host, and images per second over the whole loop (batching, copies, checks included).</summary>
    public static (float[] Logits, double ImagesPerSecond) Run(IDefenseModel model, Tensor images, IPhaseProgress progress, string phase)
    {
        var count = (int)images.shape[0];
        var logits = new float[count * 2];
        progress.Report(phase, 0, count);
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < count; start += BatchSize)
        {
            using var scope = NewDisposeScope();
            var end = Math.Min(count, start + BatchSize);
            var output = model.Forward(images[start..end]).cpu();
            CheckShape(output, end - start);
            output.data<float>().CopyTo(logits, start * 2);
            progress.Report(phase, end, count, end);
        }
        return (logits, count / Math.Max(clock.Elapsed.TotalSeconds, 1e-9));
    }

    /// <summary>
    /// The model alone, forward on one batch of <paramref name="batchSize"/> again and again for about
    /// <paramref name="duration"/> (after a warm-up call): the rate the engine is compared against.
    /// </summary>
    public static double RawRate(IDefenseModel model, Tensor images, TimeSpan duration, int batchSize = BatchSize)
    {
        using var scope = NewDisposeScope();
        var batch = images[..Math.Min(batchSize, (int)images.shape[0])];
        model.Forward(batch).cpu();
        var clock = Stopwatch.StartNew();
        var done = 0;
        while (clock.Elapsed < duration || done == 0)
        {
            using var inner = NewDisposeScope();
            model.Forward(batch).cpu();
            done += (int)batch.shape[0];
        }
        return done / clock.Elapsed.TotalSeconds;
    }

    private static void CheckShape(Tensor output, int n)
    {
        if (output.dim() != 2 || output.shape[0] != n || output.shape[1] != 2)
            throw new DefenseContractException($"output has shape [{string.Join(",", output.shape)}]; expected [{n},2] logits (bicycle, bird).");
        if (output.dtype != ScalarType.Float32)
            throw new DefenseContractException($"output is {output.dtype}; expected float32 logits.");
    }
}
