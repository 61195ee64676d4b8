using Contest.Client.Cli;
using Spectre.Console;

namespace Contest.Client.Transfers;

/// <summary>
/// Runs a transfer with a live progress bar on standard error when the terminal is interactive,
/// and silently otherwise (pipes, --json, tests).
/// </summary>
internal static class TransferProgress
{
    /// <summary>Runs <paramref name="transfer"/>; a negative <paramref name="totalBytes"/> means no bar (an outer display owns the terminal).</summary>
    public static async Task<T> RunAsync<T>(CliContext context, string description, long totalBytes,
        Func<IProgress<long>, Task<T>> transfer)
    {
        if (!context.ShowProgress || totalBytes < 0)
            return await transfer(new Progress<long>(_ => { }));

        T result = default!;
        await context.ErrorConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Markup.Escape(description), maxValue: Math.Max(1, totalBytes));
                result = await transfer(new SynchronousProgress(bytes => task.Value = bytes));
            });
        return result;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
