using System.CommandLine;
using System.Diagnostics;
using Contest.Core.Rules;
using Contest.Evaluator.Runtime;
using Contest.Evaluator.Worker.Sandbox;
using Contest.ReferenceModels.Architectures;
using TorchSharp;
using static TorchSharp.torch;

namespace Contest.Evaluator.Hosting;

/// <summary>
/// `doctor`: shows whether jobs can be sandboxed and limited by the kernel here, how TorchSharp loaded
/// (libtorch source, compatibility shim, CUDA), and proves a forward and a backward pass run on the
/// chosen device, with a rough forward rate.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(Option<string> device)
    {
        var command = new Command("doctor", "Check that TorchSharp loads and runs here, and on which device.");
        command.SetAction(parse =>
        {
            try
            {
                return Run(parse, device);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or DllNotFoundException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static int Run(ParseResult parse, Option<string> device)
    {
        var output = parse.InvocationConfiguration.Output;
        var (containment, problem) = JobContainment.Create(unsafeNoSandbox: false, parse.GetValue(device)!);
        output.WriteLine($"job sandbox:       {(containment is null ? $"UNAVAILABLE: {problem}" : "bubblewrap, checked with a trial run")}");
        var (cgroups, cgroupProblem) = CgroupRoots.Find();
        output.WriteLine($"job limits:        {(cgroups is null ? $"no cgroup per job ({cgroupProblem}); memory sampled every 500 ms" : $"{cgroups.Describe()} (memory, processes)")}; CPU time and file size by rlimits");
        output.WriteLine("GPU memory:        not capped per job (TorchSharp 0.107 has no per-process memory fraction)");
        var report = TorchNativeLoader.EnsureLoaded();
        output.WriteLine($"libtorch:          {report.LibTorchSource}");
        output.WriteLine($"glibcxx shim:      {(report.CompatibilityShimLoaded ? "loaded" : "not needed or not built")}");
        output.WriteLine($"CUDA:              {(report.CudaAvailable ? $"{report.CudaDeviceCount} device(s)" : "not available")}");
        var target = DeviceSelector.Resolve(DeviceSelector.Parse(parse.GetValue(device)!));
        output.WriteLine($"device:            {target}");

        var (loss, rate) = Exercise(target);
        output.WriteLine($"forward+backward:  ok (loss {loss:F4})");
        output.WriteLine($"forward rate:      {rate:F0} images/s (SmallCnn, batch 32, {ImageSpec.Side}x{ImageSpec.Side})");
        return 0;
    }

    private static (float Loss, double ImagesPerSecond) Exercise(Device device)
    {
        using var model = new SmallCnn();
        model.to(device);
        float loss;
        using (var scope = NewDisposeScope())
        {
            var inputs = rand(8, ImageSpec.Channels, ImageSpec.Side, ImageSpec.Side, device: device);
            var labels = tensor(new long[] { 0, 1, 0, 1, 0, 1, 0, 1 }, device: device);
            var value = nn.functional.cross_entropy(model.forward(inputs), labels);
            value.backward();
            loss = value.item<float>();
        }

        model.eval();
        using var noGrad = no_grad();
        using var batch = rand(32, ImageSpec.Channels, ImageSpec.Side, ImageSpec.Side, device: device);
        model.forward(batch).Dispose();
        var watch = Stopwatch.StartNew();
        var images = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(1))
        {
            using var logits = model.forward(batch);
            using var onHost = logits.cpu();
            images += 32;
        }
        return (loss, images / watch.Elapsed.TotalSeconds);
    }
}
