namespace Contest.Evaluator.Tests.Attacks.Benchmark;

/// <summary>A fact that runs only when CONTEST_BENCHMARK=1, so the normal test run stays fast.</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public const string Variable = "CONTEST_BENCHMARK";

    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
            Skip = $"benchmark: set {Variable}=1 to run";
    }
}
