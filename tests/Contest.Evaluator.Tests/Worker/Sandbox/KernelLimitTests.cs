using Contest.Evaluator.Worker.Sandbox;

namespace Contest.Evaluator.Tests.Worker.Sandbox;

/// <summary>The kernel stops a sandboxed job at its limits, and the worker says which, while it survives.</summary>
[Collection(SandboxCollection.Name)]
public class KernelLimitTests
{
    private static readonly ProcessLimits Roomy = new(1L << 30, 64, 60, 64L << 20);

    [CgroupFact]
    public async Task Job_AllocatesPastItsMemoryLimit_IsKilledAndReportedAsOverIt()
    {
        using var job = new SandboxedJob();
        var limits = Roomy with { MemoryBytes = 64L << 20 };

        var run = await job.RunShellAsync("exec /usr/bin/perl -e 'my @a; while (1) { push @a, \"x\" x (8 << 20); }'", limits);

        Assert.True(run.OutOfMemoryKilled, run.ToString());
        Assert.Equal(137, run.ExitCode);
        var reason = LimitExplanation.Explain(run.ExitCode, run.OutOfMemoryKilled, run.ProcessLimitHit, limits, "loading the model");
        Assert.Equal("the job's process used more than 64 MiB of memory (its limit) while loading the model and was stopped.", reason);
    }

    [CgroupFact]
    public async Task Job_StaysUnderItsMemoryLimit_IsNotReportedAsOverIt()
    {
        using var job = new SandboxedJob();

        var run = await job.RunShellAsync("/usr/bin/perl -e 'my $a = \"x\" x (16 << 20); print length($a), \"\\n\"'", Roomy with { MemoryBytes = 128L << 20 });

        Assert.Equal(0, run.ExitCode);
        Assert.False(run.OutOfMemoryKilled);
        Assert.Null(LimitExplanation.Explain(run.ExitCode, run.OutOfMemoryKilled, run.ProcessLimitHit, Roomy, ""));
    }

    [SandboxFact]
    public async Task Job_SpinsPastItsCpuTime_GetsSigxcpuAndIsReportedAsOverIt()
    {
        using var job = new SandboxedJob();
        var limits = Roomy with { CpuSeconds = 1 };

        var run = await job.RunShellAsync("while :; do :; done", limits);

        Assert.Equal(128 + 24, run.ExitCode);
        Assert.InRange(run.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(30));
        Assert.Equal("the job's process used more than its CPU-time limit of 1 s while scoring and was stopped.",
            LimitExplanation.Explain(run.ExitCode, false, false, limits, "scoring"));
    }

    [CgroupFact]
    public async Task Job_ForksPastItsProcessLimit_IsRefusedAndReportedAsOverIt()
    {
        using var job = new SandboxedJob();
        var limits = Roomy with { MaxProcesses = 12 };

        var run = await job.RunShellAsync("for i in $(seq 1 40); do sleep 2 & done; wait; echo ALL-STARTED", limits);

        Assert.True(run.ProcessLimitHit, run.ToString());
        Assert.DoesNotContain("ALL-STARTED", run.Output);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("more than 12 processes and threads", LimitExplanation.Explain(run.ExitCode, false, run.ProcessLimitHit, limits, ""));
    }

    [SandboxFact]
    public async Task Job_WritesAFileLargerThanItsLimit_IsStoppedAtTheLimit()
    {
        using var job = new SandboxedJob();
        var limits = Roomy with { FileBytes = 1L << 20 };

        var run = await job.RunShellAsync("exec head -c 4194304 /dev/zero > /job/out/big.bin", limits);

        Assert.Equal(128 + 25, run.ExitCode);
        Assert.Equal(1L << 20, new FileInfo(Path.Combine(job.Out, "big.bin")).Length);
        Assert.Contains("write a file larger than 1 MiB (its limit)", LimitExplanation.Explain(run.ExitCode, false, false, limits, ""));
    }

    [CgroupFact]
    public async Task Job_Ends_ItsCgroupIsRemoved()
    {
        using var job = new SandboxedJob();
        var roots = CgroupRoots.Find().Roots!;
        var before = Directory.GetDirectories(roots.Memory, "contest-job-*").Length;

        await job.RunShellAsync("sleep 0.2 & echo started", Roomy);

        Assert.Equal(before, Directory.GetDirectories(roots.Memory, "contest-job-*").Length);
    }

    [SandboxFact]
    public async Task BackgroundJob_RunsNiced_SoVerdictsGetTheCpuFirst()
    {
        using var job = new SandboxedJob();

        var background = await job.RunShellAsync("nice", Roomy with { Niceness = ProcessLimits.BackgroundNiceness });
        var verdict = await job.RunShellAsync("nice", Roomy);

        Assert.Equal((0, ProcessLimits.BackgroundNiceness.ToString(System.Globalization.CultureInfo.InvariantCulture)), (background.ExitCode, background.Output.Trim()));
        Assert.Equal((0, "0"), (verdict.ExitCode, verdict.Output.Trim()));
    }
}
