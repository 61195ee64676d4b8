using System.Diagnostics;
using Contest.Evaluator.Attacks;
using Contest.Evaluator.Runtime;
using Contest.Evaluator.Tests.Attacks.Support;
using Contest.Tests.Shared;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks.Benchmark;

/// <summary>
/// Runs the attack suite on a TorchScript fixture and prints, per attack, wall time and the rate at
/// which the defense scored images, next to the raw forward rate of the same model on the same
/// device. Run it with:
/// <c>CONTEST_BENCHMARK=1 dotnet test tests/Contest.Evaluator.Tests --filter Category=Benchmark --logger "console;verbosity=detailed"</c>
/// (CONTEST_BENCHMARK_PROFILE=standard|quick, _IMAGES, _MODEL, _DEVICE=cpu|cuda|auto, _BATCH, _ATTACKS=a,b).
/// </summary>
[Trait("Category", "Benchmark")]
public class AttackSuiteBenchmark(ITestOutputHelper output)
{
    [BenchmarkFact]
    public void Suite_OnTheTinyCnn_ReportsWallTimeAndForwardRates()
    {
        TorchNativeLoader.EnsureLoaded();
        var settings = BenchmarkSettings.FromEnvironment();
        var device = DeviceSelector.Resolve(settings.Device);
        using var model = new ScriptedDefense(TestPaths.GoodDefense(settings.Model), device);
        using var scope = NewDisposeScope();
        var (images, labels) = BenchmarkImages.Make(model, settings.Images, settings.ForwardBatchSize);
        var before = RawForwardRate(model, images, settings.ForwardBatchSize);
        output.WriteLine($"{settings.Profile} suite, {settings.Model} on {device}, {settings.Images} images ({labels.sum().item<long>()} birds), " +
                         $"forward batch {settings.ForwardBatchSize}, {get_num_threads()} torch threads, load average {LoadAverage()}");
        output.WriteLine($"{"attack",-30} {"images",6} {"wall s",8} {"fwd images",11} {"fwd img/s",10} {"raw img/s",10} {"acc@100",8}");

        var total = Stopwatch.StartNew();
        foreach (var attack in settings.Attacks.Select(n => AttackRegistry.Create(n, settings.Profile)))
        {
            var count = Math.Min(settings.Images, attack.ImageLimit ?? settings.Images);
            var watch = Stopwatch.StartNew();
            using var result = attack.Run(new AttackInput
            {
                Images = images.narrow(0, 0, count), Labels = labels.narrow(0, 0, count), Model = model, Seed = 1,
                StartingPool = new LabelledImages(images, labels), ForwardBatchSize = settings.ForwardBatchSize,
            });
            var seconds = watch.Elapsed.TotalSeconds;
            var accuracy = result.Logits is null ? "skipped" : Defenses.Accuracy(result.Logits, labels.narrow(0, 0, count)).ToString("P1");
            output.WriteLine($"{attack.Name,-30} {count,6} {seconds,8:F1} {result.ForwardImages,11} {result.ForwardImages / seconds,10:F0} {before,10:F0} {accuracy,8}");
        }
        var after = RawForwardRate(model, images, settings.ForwardBatchSize);
        output.WriteLine($"total {total.Elapsed.TotalSeconds:F1} s; raw forward rate {before:F0} img/s before, {after:F0} img/s after");
    }

    private static double RawForwardRate(ScriptedDefense model, Tensor images, int batchSize)
    {
        var batch = images.narrow(0, 0, Math.Min(batchSize, images.shape[0]));
        using (var warm = NewDisposeScope())
            model.Forward(batch);
        var watch = Stopwatch.StartNew();
        var scored = 0L;
        while (watch.Elapsed.TotalSeconds < 3)
        {
            using var scope = NewDisposeScope();
            model.Forward(batch).cpu();
            scored += batch.shape[0];
        }
        return scored / watch.Elapsed.TotalSeconds;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
