namespace Contest.Evaluator.Tests.Worker.Sandbox;

/// <summary>What a job sees from inside the sandbox: a shell run through the worker's real launcher.</summary>
[Collection(SandboxCollection.Name)]
public class SandboxIsolationTests
{
    [SandboxFact]
    public async Task Job_ReadsEtcHostname_Fails()
    {
        using var job = new SandboxedJob();

        var run = await job.RunShellAsync("cat /etc/hostname && echo READ || echo DENIED; ls /etc");

        Assert.Contains("DENIED", run.Output);
        Assert.DoesNotContain("READ", run.Output.Replace("DENIED", "", StringComparison.Ordinal));
        Assert.Contains("ld.so.cache", run.Output);
        Assert.DoesNotContain("passwd", run.Output);
    }

    [SandboxFact]
    public async Task Job_ReadsAFileBesideItsJobFolder_Fails()
    {
        using var job = new SandboxedJob();
        var secret = Path.Combine(job.Parent, "secret.txt");
        await File.WriteAllTextAsync(secret, "do not read");

        var run = await job.RunShellAsync($"cat '{secret}' || echo DENIED; cat /job/../secret.txt || echo DENIED2; ls /job");

        Assert.Contains("DENIED", run.Output);
        Assert.Contains("DENIED2", run.Output);
        Assert.DoesNotContain("do not read", run.Output);
    }

    [SandboxFact]
    public async Task Job_LooksForTheWorkersEnvironment_FindsOnlyTheAllowList() => await LooksForTheWorkersEnvironmentAsync(sandboxed: true);

    [SandboxFact]
    public async Task UnconfinedJob_LooksForTheWorkersEnvironment_FindsOnlyTheAllowListToo() => await LooksForTheWorkersEnvironmentAsync(sandboxed: false);

    private static async Task LooksForTheWorkersEnvironmentAsync(bool sandboxed)
    {
        using var job = new SandboxedJob();
        Environment.SetEnvironmentVariable("CONTEST_WORKER_TOKEN", "worker-key-that-must-not-leak");
        Environment.SetEnvironmentVariable("CONTEST_TEST_SECRET", "another-secret");
        try
        {
            // Unconfined, the job does not inherit the key, but nothing stops it reading the worker's
            // /proc/PID/environ: that is why unconfined is unsafe. Only its own environment is looked at.
            var script = sandboxed
                ? "tr '\\0' ' ' < /proc/self/environ; echo; tr '\\0' ' ' < /proc/1/environ; echo; env | cut -d= -f1 | sort | tr '\\n' ' '"
                : "tr '\\0' ' ' < /proc/self/environ; echo; env | cut -d= -f1 | sort | tr '\\n' ' '";
            var run = await job.RunShellAsync(script, containment: SandboxedJob.Containment(sandboxed));

            Assert.DoesNotContain("worker-key-that-must-not-leak", run.Output);
            Assert.DoesNotContain("CONTEST_WORKER_TOKEN", run.Output);
            Assert.DoesNotContain("another-secret", run.Output);
            Assert.Contains(sandboxed ? "HOME=/tmp" : "HOME=", run.Output);
            Assert.Contains("DOTNET_gcServer=0", run.Output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CONTEST_WORKER_TOKEN", null);
            Environment.SetEnvironmentVariable("CONTEST_TEST_SECRET", null);
        }
    }

    [SandboxFact]
    public async Task Job_ListsNetworkInterfaces_HasOnlyLoopback()
    {
        using var job = new SandboxedJob();

        var run = await job.RunShellAsync("tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | tr '\\n' ','; echo; id -u");

        Assert.Contains("lo,", run.Output);
        Assert.Equal("lo,", run.Output.Split('\n')[0]);
        Assert.Contains("65534", run.Output);
    }

    [SandboxFact]
    public async Task Job_WritesInItsFolders_OnlyOutIsWritable()
    {
        using var job = new SandboxedJob();
        await File.WriteAllTextAsync(Path.Combine(job.In, "model.pt"), "model");

        var run = await job.RunShellAsync(
            "echo x > /job/in/new && echo IN-WRITTEN; echo x >> /job/in/model.pt && echo IN-CHANGED; " +
            "mkdir -p /job/out/artifacts && echo result > /job/out/artifacts/a.txt && echo OUT-WRITTEN; " +
            "echo x > /job/other && echo ROOT-WRITTEN; cat /job/in/model.pt");

        Assert.DoesNotContain("IN-WRITTEN", run.Output);
        Assert.DoesNotContain("IN-CHANGED", run.Output);
        Assert.DoesNotContain("ROOT-WRITTEN", run.Output);
        Assert.Contains("OUT-WRITTEN", run.Output);
        Assert.Equal("model", await File.ReadAllTextAsync(Path.Combine(job.In, "model.pt")));
        Assert.Equal("result\n", await File.ReadAllTextAsync(Path.Combine(job.Out, "artifacts", "a.txt")));
        Assert.False(File.Exists(Path.Combine(job.In, "new")));
    }

    [SandboxFact]
    public async Task Job_ReadsItsStandardInput_GetsTheHandoffThenEndOfFile()
    {
        using var job = new SandboxedJob();
        var handoff = new byte[300_000];
        new Random(7).NextBytes(handoff);

        var run = await job.RunShellAsync("cat > /job/out/handoff.bin; echo DONE", handoff: handoff);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(handoff, await File.ReadAllBytesAsync(Path.Combine(job.Out, "handoff.bin")));
    }

    [SandboxFact]
    public async Task Job_NeverReadsABigHandoff_EndsWithoutBlockingTheHost()
    {
        using var job = new SandboxedJob();

        // Far more than a pipe holds: a synchronous write would block until the job read it.
        var run = await job.RunShellAsync("echo ignored", handoff: new byte[8 << 20]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ignored", run.Output);
    }

    [SandboxFact]
    public async Task Job_UnsafeMode_RunsUnconfinedWithTheHostFolder()
    {
        using var job = new SandboxedJob();

        var run = await job.RunAsync(
            folder => ["/bin/sh", "-c", "echo \"$1\"; test -d \"$1/in\" && echo HOST-FOLDER", "sh", folder],
            containment: SandboxedJob.Containment(sandboxed: false));

        Assert.Contains(job.Folder, run.Output);
        Assert.Contains("HOST-FOLDER", run.Output);
    }
}
