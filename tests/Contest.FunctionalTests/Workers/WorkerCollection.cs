namespace Contest.FunctionalTests.Workers;

/// <summary>
/// Tests that start evaluation worker processes run one at a time: they measure throughput and
/// time, which two of them at once on a 2-core machine would distort.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkerCollection
{
    public const string Name = "workers";
}
