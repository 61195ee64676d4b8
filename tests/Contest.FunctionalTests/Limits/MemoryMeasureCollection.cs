namespace Contest.FunctionalTests.Limits;

/// <summary>
/// Tests that measure the managed memory of this process run alone: the server shares the process with
/// every other test, whose allocations would otherwise count as the server's.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasureCollection
{
    public const string Name = "memory measure";
}
