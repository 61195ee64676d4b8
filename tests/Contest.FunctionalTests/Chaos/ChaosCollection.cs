namespace Contest.FunctionalTests.Chaos;

/// <summary>The chaos test runs alone: it starts and kills servers for over a minute, and other tests must not slow its cycles (nor it theirs).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChaosCollection
{
    public const string Name = "chaos";
}
