using System.Collections.Concurrent;
using System.Diagnostics;

namespace Contest.Evaluator.Worker.Sandbox;

/// <summary>
/// Starts the worker's child processes from one thread that lives as long as the worker.
/// </summary>
/// <remarks>
/// bwrap's <c>--die-with-parent</c> is PR_SET_PDEATHSIG, and Linux sends that signal when the
/// <em>thread</em> that forked the child ends, not its process. .NET forks on the thread that calls
/// <see cref="Process.Start(ProcessStartInfo)"/>; started from a thread-pool thread, a sandboxed job
/// was SIGKILLed whenever the pool retired that idle thread (measured: exit code 137 two seconds
/// after the starting thread ended, while the same start from a living thread kept running). That
/// was the "killed from outside" of long jobs and warm model processes that no limit explained.
/// </remarks>
internal static class SpawnerThread
{
    private static readonly BlockingCollection<Request> Requests = [];

    static SpawnerThread()
    {
        var thread = new Thread(Serve) { IsBackground = true, Name = "process-spawner" };
        thread.Start();
    }

    /// <summary>Starts <paramref name="start"/> on the spawner thread and returns the process (or what Process.Start threw).</summary>
    public static Process Start(ProcessStartInfo start)
    {
        var request = new Request(start, new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously));
        Requests.Add(request);
        return request.Started.Task.GetAwaiter().GetResult();
    }

    private static void Serve()
    {
        foreach (var request in Requests.GetConsumingEnumerable())
        {
            try
            {
                var process = Process.Start(request.StartInfo)
                    ?? throw new InvalidOperationException($"{request.StartInfo.FileName} did not start");
                request.Started.SetResult(process);
            }
            catch (Exception e)
            {
                request.Started.SetException(e);
            }
        }
    }

    private sealed record Request(ProcessStartInfo StartInfo, TaskCompletionSource<Process> Started);
}
