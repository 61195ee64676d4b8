using Contest.Evaluator.Worker.Sandbox;

namespace Contest.Evaluator.Tests.Worker.Sandbox;

/// <summary>A test of the job sandbox; it skips itself, saying why, only where bubblewrap is not installed.</summary>
public sealed class SandboxFactAttribute : FactAttribute
{
    public SandboxFactAttribute()
    {
        if (Bubblewrap.Find() is null)
            Skip = "needs bubblewrap (bwrap), which is not installed here: apt-get install bubblewrap (.ci/run does).";
    }
}

/// <summary>A test of the kernel's limits on a sandboxed job; it also needs a cgroup it may write.</summary>
public sealed class CgroupFactAttribute : FactAttribute
{
    public CgroupFactAttribute()
    {
        if (Bubblewrap.Find() is null)
            Skip = "needs bubblewrap (bwrap), which is not installed here: apt-get install bubblewrap (.ci/run does).";
        else if (CgroupRoots.Find() is { Roots: null } found)
            Skip = $"needs a cgroup this test may create: {found.Problem}.";
    }
}
