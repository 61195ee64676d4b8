namespace Contest.Evaluator.Tests.Worker.Sandbox;

/// <summary>
/// Sandboxed jobs run one at a time: they count the worker's job cgroups and time their start-up,
/// which other jobs on the same two cores would disturb.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SandboxCollection
{
    public const string Name = "sandboxed jobs";
}
