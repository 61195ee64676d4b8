namespace Contest.Server.References;

/// <summary>Reference models (bound from the "Contest" section).</summary>
internal sealed class ReferenceOptions
{
    /// <summary>Skip queueing the built-in baselines on the first start (--no-baselines).</summary>
    public bool NoBaselines { get; init; }
}
