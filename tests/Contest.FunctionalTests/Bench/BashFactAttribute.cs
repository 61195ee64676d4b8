namespace Contest.FunctionalTests.Bench;

/// <summary>A test of a bench/ script; it skips itself, saying why, only where bash is not installed.</summary>
public sealed class BashFactAttribute : FactAttribute
{
    public BashFactAttribute()
    {
        if (Find() is null)
            Skip = "needs bash, which is not on PATH here: the bench/ scripts are bash scripts.";
    }

    /// <summary>The bash on PATH, or null.</summary>
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "bash"))
            .FirstOrDefault(File.Exists);
}
