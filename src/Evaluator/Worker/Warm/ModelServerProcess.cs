using System.Diagnostics;
using System.Text;
using Contest.Evaluator.Jobs.Serving;
using Contest.Evaluator.Worker.Sandbox;

namespace Contest.Evaluator.Worker.Warm;

/// <summary>
/// A `serve-model` process, confined like every job (the worker's sandbox, a cgroup of its own with
/// the verdict's limits, rlimits): requests go to its standard input, answers come from its private
/// channel (standard output) as bounded lines, and everything else it prints stays in its folder.
/// </summary>
internal sealed class ModelServerProcess : IDisposable
{
    private const int TailLines = 12;
    private readonly Process _process;
    private readonly JobCgroup? _cgroup;
    private readonly Stream _input;
    private readonly BoundedLineReader _answers;
    private readonly OutputTail _tail = new(TailLines);

    private ModelServerProcess(Process process, JobCgroup? cgroup)
    {
        _process = process;
        _cgroup = cgroup;
        _input = process.StandardInput.BaseStream;
        _answers = new BoundedLineReader(process.StandardOutput.BaseStream, ServeMessage.MaxLineBytes);
        _process.ErrorDataReceived += (_, e) => _tail.Remember(e.Data);
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts `serve-model` on the folder of <paramref name="launch"/>, in its cgroup from its first instruction.</summary>
    public static ModelServerProcess Start(JobLaunch launch)
    {
        var command = launch.Containment.Command;
        launch = launch with { Program = folder => [command.FileName, .. command.Prefix, "serve-model", "--dir", folder] };
        var cgroup = launch.Containment.CreateCgroup(launch.Limits);
        try
        {
            var start = launch.Containment.StartInfo(launch, cgroup);
            start.RedirectStandardInput = true;
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            var process = SpawnerThread.Start(start);
            return new ModelServerProcess(process, cgroup);
        }
        catch
        {
            cgroup?.Dispose();
            throw;
        }
    }

    public async Task SendAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await _input.WriteAsync(bytes, cancellationToken);
        await _input.FlushAsync(cancellationToken);
    }

    public Task SendLineAsync(string line, CancellationToken cancellationToken) => SendAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);

    /// <summary>The next answer; null when the process closed its channel (it ended); throws on a line that breaks the protocol.</summary>
    public async Task<ServeMessage?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var line = await _answers.ReadLineAsync(cancellationToken);
        if (line is null)
            return null;
        return ServeMessage.Parse(line) ?? throw new InvalidDataException("the model process wrote a line that is not an answer.");
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>True when the kernel enforces the memory and process limits (a cgroup of its own).</summary>
    public bool KernelLimited => _cgroup is not null;

    public bool OutOfMemoryKilled => _cgroup?.OutOfMemoryKilled ?? false;

    public bool ProcessLimitHit => _cgroup?.ProcessLimitHit ?? false;

    /// <summary>Resident memory of the process tree, for sampling where there is no cgroup.</summary>
    public long MemoryBytes => ChildProcess.MemoryBytes(_process);

    /// <summary>The last lines it printed on standard error (before it captured its output, or the runtime's own).</summary>
    public IReadOnlyList<string> Tail => _tail.Lines;

    /// <summary>Waits (bounded) for the process to end, so its exit code and the cgroup's counters can be read.</summary>
    public async Task WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public void Kill() => ChildProcess.Kill(_process);

    public void Dispose()
    {
        try
        {
            _input.Dispose();
        }
        catch (IOException)
        {
        }
        Kill();
        _process.WaitForExit(TimeSpan.FromSeconds(5));
        _answers.Dispose();
        _cgroup?.Dispose();
        _process.Dispose();
    }
}
