using System.Diagnostics;
using Contest.Evaluator.Worker.Sandbox;

namespace Contest.Evaluator.Tests.Worker.Sandbox;

/// <summary>A worker killed outright leaves its jobs' cgroups behind; the next worker to start removes them.</summary>
[Collection(SandboxCollection.Name)]
public class CgroupOrphanTests
{
    [CgroupFact]
    public void RemoveOrphans_RemovesTheGroupsOfAGoneWorker_AndKeepsALiveOnes()
    {
        var roots = CgroupRoots.Find().Roots!;
        var limits = ProcessLimits.For(TimeSpan.FromMinutes(1), 64L << 20);
        using var gone = Process.Start(new ProcessStartInfo("/usr/bin/true"))!;
        gone.WaitForExit();
        var orphan = JobCgroup.NewName(gone.Id);
        var mine = JobCgroup.NewName(Environment.ProcessId);
        JobCgroup.Create(roots, orphan, limits);
        using var live = JobCgroup.Create(roots, mine, limits);

        JobCgroup.RemoveOrphans(roots);

        Assert.False(Directory.Exists(Path.Combine(roots.Memory, orphan)));
        Assert.False(Directory.Exists(Path.Combine(roots.Pids, orphan)));
        Assert.True(Directory.Exists(Path.Combine(roots.Memory, mine)));
    }
}
