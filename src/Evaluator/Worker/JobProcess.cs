using System.Diagnostics;
using Contest.Evaluator.Jobs;

namespace Contest.Evaluator.Worker;

/// <summary>
/// A job running in its own process (`Contest.Evaluator run-job --dir DIR`), so a model that aborts
/// libtorch, leaks memory or hangs costs that process only. Progress lines are parsed; the last lines
/// of other output are kept to explain a crash.
/// </summary>
internal sealed class JobProcess : IDisposable
{
    private const int TailLines = 12;
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();

    private JobProcess(Process process, Action<ProgressLine> onProgress)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            if (ProgressLine.TryParse(e.Data, out var progress))
                onProgress(progress);
            else
                Remember(e.Data);
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                Remember(e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>
    /// Starts this evaluator again as a job process for <paramref name="directory"/> and hands it
    /// <paramref name="handoff"/> (its spec and inputs) on standard input.
    /// </summary>
    public static JobProcess Start(string directory, byte[] handoff, Action<ProgressLine> onProgress)
    {
        var start = SelfStartInfo();
        start.ArgumentList.Add("run-job");
        start.ArgumentList.Add("--dir");
        start.ArgumentList.Add(directory);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the job process");
        var job = new JobProcess(process, onProgress);
        _ = job.HandOverAsync(handoff);
        return job;
    }

    // Written in the background and then closed, so a job that never reads cannot block its host.
    private async Task HandOverAsync(byte[] handoff)
    {
        try
        {
            await using var input = _process.StandardInput.BaseStream;
            await input.WriteAsync(handoff);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process ended before reading it all; its exit explains why.
        }
    }

    /// <summary>How to run this same evaluator again (via the dotnet host or its own executable).</summary>
    public static ProcessStartInfo SelfStartInfo()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host);
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            start.ArgumentList.Add(typeof(JobProcess).Assembly.Location);
        return start;
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public int ExitCode => _process.ExitCode;

    /// <summary>Resident memory of the job process, in bytes.</summary>
    public long MemoryBytes
    {
        get
        {
            try
            {
                _process.Refresh();
                return _process.WorkingSet64;
            }
            catch (InvalidOperationException)
            {
                return 0;
            }
        }
    }

    /// <summary>The last lines the process printed (other than progress).</summary>
    public IReadOnlyList<string> Tail
    {
        get
        {
            lock (_gate)
                return _tail.ToList();
        }
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Remember(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
            return;
        lock (_gate)
        {
            _tail.Enqueue(line.Length > 500 ? line[..500] : line);
            while (_tail.Count > TailLines)
                _tail.Dequeue();
        }
    }
}
