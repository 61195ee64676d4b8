using Contest.Client.Cli;
using Contest.Core.Dataset;
using Spectre.Console;

namespace Contest.Client.Output;

/// <summary>
/// Runs a long dataset operation on a worker thread with a live "images done of total" bar on
/// standard error when the terminal is interactive, and silently otherwise (pipes, --json, tests).
/// </summary>
internal static class ImageProgress
{
    public static async Task<T> RunAsync<T>(CliContext context, string description, Func<IProgress<DatasetProgress>?, T> work)
    {
        if (!context.ShowProgress)
            return await Task.Run(() => work(null));

        T result = default!;
        await context.ErrorConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async display =>
            {
                var task = display.AddTask(Markup.Escape(description), maxValue: 1);
                result = await Task.Run(() => work(new Reporter(task)));
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>Sets the bar from the workers' reports; Spectre's task is safe to update from any thread.</summary>
    private sealed class Reporter(ProgressTask task) : IProgress<DatasetProgress>
    {
        public void Report(DatasetProgress value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
        }
    }
}
