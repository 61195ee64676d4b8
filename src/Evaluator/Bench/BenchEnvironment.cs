using System.Globalization;
using System.Reflection;
using Contest.Evaluator.Runtime;
using TorchSharp;

namespace Contest.Evaluator.Bench;

/// <summary>
/// What a benchmark ran on, printed before it measures: the build configuration (a Debug build runs
/// the engine's managed code unoptimized, so its numbers are not the product's), the device, and the
/// libtorch facts that move the numbers (where it came from, its thread counts).
/// </summary>
internal static class BenchEnvironment
{
    /// <summary>The configuration this evaluator was built in ("Release", "Debug"), from the assembly.</summary>
    public static string Configuration { get; } =
        typeof(BenchEnvironment).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown";

    public static bool IsRelease => string.Equals(Configuration, "Release", StringComparison.OrdinalIgnoreCase);

    public static void Describe(TextWriter output, TextWriter error, torch.Device target)
    {
        var load = TorchNativeLoader.EnsureLoaded();
        output.WriteLine($"build:           {Configuration}");
        if (!IsRelease)
        {
            error.WriteLine($"warning: this evaluator is a {Configuration} build: its managed code runs unoptimized and its numbers " +
                "understate the product; build with -c Release to measure.");
        }
        var cuda = load.CudaAvailable ? $"{load.CudaDeviceCount} CUDA device(s) visible" : "no CUDA device visible";
        output.WriteLine($"device:          {target} ({cuda})");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"libtorch:        {load.LibTorchSource}; {torch.get_num_threads()} intra-op and {torch.get_num_interop_threads()} inter-op threads on {Environment.ProcessorCount} processors"));
    }
}
