using System.Diagnostics;
using Contest.Contracts.V1;
using Contest.Evaluator.Data;
using Contest.Evaluator.Runtime;
using static TorchSharp.torch;

namespace Contest.Evaluator.Bench.Verdicts;

/// <summary>What a verdict cannot go below: the model's load, one decode of an attack image, one batch-1 forward.</summary>
internal sealed record FloorTimes(string Device, double LoadMs, double DecodeMs, double ForwardMs, double DecodeMinMs, double ForwardMinMs, int Repeats);

/// <summary>
/// The floor of a verdict, measured in this process with the evaluator's own runtime: the same model
/// loaded as a verdict job loads it, the image decoded and resized as the job does, a forward of one
/// image read back to the host as the job does. Medians after a warm-up, so neither JIT nor caches count, and
/// the fastest run too: on a busy machine the median moves with others' work, the fastest much less.
/// </summary>
internal static class ForwardFloor
{
    private const int WarmUp = 5;

    public static FloorTimes Measure(string modelPath, ModelFormat format, Device device, byte[] png, int repeats)
    {
        var file = Path.Combine(Path.GetTempPath(), $"contest-bench-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(file, png);
        try
        {
            var load = Stopwatch.StartNew();
            using var model = DefenseLoader.Load(modelPath, format, device);
            load.Stop();
            var (decode, decodeMin) = Time(repeats, () =>
            {
                using var image = ImageTensors.LoadAttackImage(file, device);
            });
            using var input = ImageTensors.LoadAttackImage(file, device);
            var (forward, forwardMin) = Time(repeats, () =>
            {
                using var scope = NewDisposeScope();
                _ = model.Forward(input).cpu().data<float>().ToArray();
            });
            return new FloorTimes(device.type.ToString().ToLowerInvariant(), load.Elapsed.TotalMilliseconds, decode, forward, decodeMin, forwardMin, repeats);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The median and the fastest of <paramref name="repeats"/> timed runs, after a warm-up.</summary>
    private static (double Median, double Min) Time(int repeats, Action once)
    {
        for (var i = 0; i < WarmUp; i++)
            once();
        var times = new double[Math.Max(1, repeats)];
        for (var i = 0; i < times.Length; i++)
        {
            var clock = Stopwatch.StartNew();
            once();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return (times[times.Length / 2], times[0]);
    }
}
