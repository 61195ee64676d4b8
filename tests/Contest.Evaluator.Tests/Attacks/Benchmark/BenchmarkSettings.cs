using Contest.Evaluator.Attacks;
using Contest.Evaluator.Runtime;

namespace Contest.Evaluator.Tests.Attacks.Benchmark;

/// <summary>What the benchmark runs, from environment variables (all optional).</summary>
internal sealed record BenchmarkSettings(AttackProfile Profile, int Images, string Model, DeviceRequest Device, int ForwardBatchSize, string[] Attacks)
{
    public static BenchmarkSettings FromEnvironment() => new(
        Environment.GetEnvironmentVariable("CONTEST_BENCHMARK_PROFILE") == "standard" ? AttackProfile.Standard : AttackProfile.Quick,
        int.Parse(Environment.GetEnvironmentVariable("CONTEST_BENCHMARK_IMAGES") ?? "250"),
        Environment.GetEnvironmentVariable("CONTEST_BENCHMARK_MODEL") ?? "tiny_cnn_scripted.pt",
        DeviceSelector.Parse(Environment.GetEnvironmentVariable("CONTEST_BENCHMARK_DEVICE") ?? "cpu"),
        int.Parse(Environment.GetEnvironmentVariable("CONTEST_BENCHMARK_BATCH") ?? "128"),
        (Environment.GetEnvironmentVariable("CONTEST_BENCHMARK_ATTACKS") ?? string.Join(",", AttackRegistry.Names)).Split(','));
}
