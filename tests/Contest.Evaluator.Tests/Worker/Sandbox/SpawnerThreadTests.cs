using System.Diagnostics;
using Contest.Evaluator.Worker.Sandbox;

namespace Contest.Evaluator.Tests.Worker.Sandbox;

/// <summary>
/// bwrap's --die-with-parent follows the thread that started it: a sandbox started from a thread that
/// then ends (as thread-pool threads do when idle) is SIGKILLed, unless the spawner thread started it.
/// </summary>
public sealed class SpawnerThreadTests
{
    [SandboxFact]
    public void SandboxStartedForAThreadThatEnds_ThroughTheSpawner_KeepsRunning_WhereAPlainStartIsKilled()
    {
        using var plain = StartFromAThreadThatEnds(Process.Start);
        using var spawned = StartFromAThreadThatEnds(SpawnerThread.Start);
        try
        {
            // The parent-death signal is sent as the thread ends; a second is plenty for the kernel and bwrap.
            plain.WaitForExit(TimeSpan.FromSeconds(5));
            Thread.Sleep(TimeSpan.FromSeconds(1));

            Assert.True(plain.HasExited, "a plain start from an ending thread was not killed: the hazard this guards against is gone here");
            Assert.Equal(137, plain.ExitCode);
            Assert.False(spawned.HasExited, $"the spawner's sandbox ended with exit code {(spawned.HasExited ? spawned.ExitCode : 0)}");
        }
        finally
        {
            foreach (var process in new[] { plain, spawned })
            {
                if (!process.HasExited)
                    process.Kill(entireProcessTree: true);
            }
        }
    }

    private static Process StartFromAThreadThatEnds(Func<ProcessStartInfo, Process?> start)
    {
        Process? started = null;
        var thread = new Thread(() =>
        {
            started = start(new ProcessStartInfo(Bubblewrap.Find()!, ["--die-with-parent", "--ro-bind", "/", "/", "--unshare-pid", "sleep", "30"]));
            // Time for bwrap to arm its parent-death signal: an idle pool thread ends seconds after its last start, not at once.
            Thread.Sleep(500);
        });
        thread.Start();
        thread.Join();
        return started!;
    }
}
