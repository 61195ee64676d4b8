using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Contest.Tests.Shared;

namespace Contest.FunctionalTests.Chaos;

/// <summary>
/// The real server in a process of its own (the build output of src/Server), on an ephemeral port,
/// so that a test can kill it outright (SIGKILL) the way a crash or an OOM killer would.
/// </summary>
internal sealed partial class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Seen(e.Data);
        _process.ErrorDataReceived += (_, e) => Seen(e.Data);
        _process.Exited += (_, _) =>
        {
            // The exit is raised before the last lines are read: wait for the end of the output, so the reason is in it.
            _process.WaitForExit();
            _listening.TrySetException(new InvalidOperationException($"the server exited ({_process.ExitCode}) before listening:\n{Output}"));
        };
    }

    public string Address { get; private set; } = "";

    public int Pid => _process.Id;

    /// <summary>Everything the server printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Starts the server on <paramref name="dataDirectory"/> and waits until it listens.</summary>
    public static async Task<ServerProcess> StartAsync(string dataDirectory, TimeSpan timeout, params string[] extraArgs)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] args =
        [
            ServerDll, "--urls", "http://127.0.0.1:0", "--data-dir", dataDirectory, "--workers", "0",
            "--dataset-per-class", "train=2,test=4,extras=0,eligibility=4", "--no-baselines", .. extraArgs,
        ];
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new ServerProcess(process);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            server.Address = await server._listening.Task.WaitAsync(timeout);
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return server;
    }

    /// <summary>
    /// SIGTERM, the way an operator or a service manager stops it; returns the exit code. The guard only
    /// keeps a hung server from hanging the test: it is no bound on how quickly it stops.
    /// </summary>
    public async Task<int> TerminateAsync(TimeSpan guard)
    {
        if (SendSignal(_process.Id, SigTerm) != 0)
            throw new InvalidOperationException($"could not signal the server (pid {_process.Id})");
        await _process.WaitForExitAsync().WaitAsync(guard);
        // The exit event is raised before the last lines are read: wait for the end of the output too.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown, no checkpoint, no flush; waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        _process.Dispose();
    }

    private static string ServerDll
    {
        get
        {
            // Built with the test project (a project reference), in the same configuration.
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var dll = Path.Combine(TestPaths.RepositoryRoot, "src", "Server", "bin", configuration, "net10.0", "Contest.Server.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"build src/Server first: {dll} is missing");
        }
    }

    private void Seen(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
        if (ListeningLine().Match(line) is { Success: true } match)
            _listening.TrySetResult(match.Groups[1].Value);
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    [GeneratedRegex(@"Contest server listening on (http://\S+)")]
    private static partial Regex ListeningLine();
}
