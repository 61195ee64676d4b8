using System.Diagnostics;
using Contest.Evaluator.Jobs;
using Contest.Evaluator.Worker.Sandbox;

namespace Contest.Evaluator.Worker;

/// <summary>
/// A job running in its own process (`Contest.Evaluator run-job --dir DIR`), confined as the worker's
/// <see cref="JobContainment"/> says (a bubblewrap sandbox and a cgroup of its own), so a model that
/// aborts libtorch, leaks memory, hangs or misbehaves costs that process only. The hand-off goes to
/// its standard input; progress lines are parsed; the last lines of other output are kept.
/// </summary>
internal sealed class JobProcess : IDisposable
{
    private const int TailLines = 12;
    private static readonly TimeSpan OutputDrainLimit = TimeSpan.FromSeconds(5);
    private readonly Process _process;
    private readonly JobCgroup? _cgroup;
    private readonly OutputTail _tail = new(TailLines);
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private JobProcess(Process process, JobCgroup? cgroup, Action<ProgressLine> onProgress)
    {
        _process = process;
        _cgroup = cgroup;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _outputClosed.TrySetResult();
                return;
            }
            if (ProgressLine.TryParse(e.Data, out var progress))
                onProgress(progress);
            else
                _tail.Remember(e.Data);
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                _errorClosed.TrySetResult();
            else
                _tail.Remember(e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>
    /// Starts the job of <paramref name="launch"/>, in its cgroup from its first instruction, writes
    /// <paramref name="handoff"/> to its standard input in the background and then closes it (a job that
    /// never reads it cannot block the worker).
    /// </summary>
    public static JobProcess Start(JobLaunch launch, byte[] handoff, Action<ProgressLine> onProgress)
    {
        var cgroup = launch.Containment.CreateCgroup(launch.Limits);
        try
        {
            var start = launch.Containment.StartInfo(launch, cgroup);
            start.RedirectStandardInput = true;
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            var process = SpawnerThread.Start(start);
            var input = process.StandardInput.BaseStream;
            _ = Task.Run(() => HandOffAsync(input, handoff));
            return new JobProcess(process, cgroup, onProgress);
        }
        catch
        {
            cgroup?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits for the exit and then for the last lines it printed, so <see cref="Tail"/> is complete
    /// (bounded: whatever still holds the pipes open after the exit is not waited for long).
    /// </summary>
    public async Task WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        await Task.WhenAny(Task.WhenAll(_outputClosed.Task, _errorClosed.Task), Task.Delay(OutputDrainLimit, cancellationToken));
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>True when the kernel enforces the memory and process limits (a cgroup of its own).</summary>
    public bool KernelLimited => _cgroup is not null;

    /// <summary>After the exit: the kernel killed the job for going over its memory limit.</summary>
    public bool OutOfMemoryKilled => _cgroup?.OutOfMemoryKilled ?? false;

    /// <summary>After the exit: the job tried to have more processes or threads than its limit.</summary>
    public bool ProcessLimitHit => _cgroup?.ProcessLimitHit ?? false;

    /// <summary>Resident memory of the job's processes together, in bytes (for sampling without a cgroup).</summary>
    public long MemoryBytes => ChildProcess.MemoryBytes(_process);

    /// <summary>The last lines the process printed (other than progress).</summary>
    public IReadOnlyList<string> Tail => _tail.Lines;

    public void Kill() => ChildProcess.Kill(_process);

    public void Dispose()
    {
        Kill();
        _process.WaitForExit(TimeSpan.FromSeconds(5));
        _cgroup?.Dispose();
        _process.Dispose();
    }

    private static async Task HandOffAsync(Stream input, byte[] handoff)
    {
        try
        {
            await input.WriteAsync(handoff);
            await input.FlushAsync();
        }
        catch (IOException)
        {
            // The job ended, or closed its input, before reading all of it: its exit tells the rest.
        }
        finally
        {
            try
            {
                await input.DisposeAsync();
            }
            catch (IOException)
            {
            }
        }
    }
}
