using System.Diagnostics;
using System.Globalization;
using Contest.Client.Cli;
using Contest.Contracts;
using Contest.Contracts.V1;
using Grpc.Core;
using Spectre.Console;

namespace Contest.Client.Commands;

/// <summary>
/// Follows a job's progress stream until it ends: a live bar (phase, items done, rate, ETA) on an
/// interactive terminal, one line per phase (and per new message, at most every 10 s) otherwise.
/// Returns the finished job.
/// </summary>
internal static class JobWatcher
{
    private static readonly TimeSpan MessageInterval = TimeSpan.FromSeconds(10);

    public static async Task<Job> WatchAsync(CliContext ctx, string jobId, CancellationToken cancellationToken)
    {
        if (ctx.ShowProgress)
            await LiveAsync(ctx, jobId, cancellationToken);
        else
            await QuietAsync(ctx, jobId, cancellationToken);
        return await ctx.Server.Jobs.GetJobAsync(new GetJobRequest { JobId = jobId }, cancellationToken: cancellationToken);
    }

    private static async Task LiveAsync(CliContext ctx, string jobId, CancellationToken cancellationToken)
    {
        await ctx.ErrorConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(async progress =>
            {
                ProgressTask? task = null;
                string phase = "";
                await foreach (var update in Updates(ctx, jobId, cancellationToken))
                {
                    if (task is null || update.Phase != phase)
                    {
                        task?.StopTask();
                        phase = update.Phase;
                        task = progress.AddTask(Markup.Escape(Describe(update)), maxValue: Math.Max(1, update.Total));
                    }
                    task.MaxValue = Math.Max(1, update.Total);
                    task.Value = update.Total > 0 ? update.Done : 0;
                    task.Description = Markup.Escape(Describe(update));
                    if (update.Status is JobStatus.Succeeded)
                        task.Value = task.MaxValue;
                }
                task?.StopTask();
            });
    }

    private static async Task QuietAsync(CliContext ctx, string jobId, CancellationToken cancellationToken)
    {
        var phase = "";
        var message = "";
        var printedAt = 0L;
        await foreach (var update in Updates(ctx, jobId, cancellationToken))
        {
            if (ctx.Json)
                continue;
            // A new phase is always worth a line; within a phase (a training run's epochs), a changed
            // message is, at most every few seconds, so a log shows the run advance without flooding.
            var newPhase = update.Phase != phase;
            var newMessage = update.Message != message && Stopwatch.GetElapsedTime(printedAt) >= MessageInterval;
            if (!newPhase && !newMessage)
                continue;
            (phase, message, printedAt) = (update.Phase, update.Message, Stopwatch.GetTimestamp());
            await ctx.Error.WriteLineAsync($"{jobId}: {Describe(update)}");
        }
    }

    private static async IAsyncEnumerable<JobProgress> Updates(CliContext ctx, string jobId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = ctx.Server.Jobs.WatchJob(new WatchJobRequest { JobId = jobId }, cancellationToken: cancellationToken);
        await foreach (var update in call.ResponseStream.ReadAllAsync(cancellationToken))
            yield return update;
    }

    private static string Describe(JobProgress p)
    {
        var text = $"{Words.Of(p.Status)}: {(p.Phase.Length > 0 ? p.Phase : "waiting for a worker")}";
        if (p.Total > 0)
            text += $"  {p.Done}/{p.Total}";
        if (p.Rate > 0)
            text += string.Create(CultureInfo.InvariantCulture, $"  {p.Rate:F1}/s");
        if (p.EtaSeconds > 0)
            text += $"  ETA {TimeSpan.FromSeconds(Math.Round(p.EtaSeconds)):g}";
        // Training reports its epoch, loss and accuracy here ("epoch 3/12 loss 0.41 acc 81.2%").
        if (p.Message.Length > 0)
            text += $"  {p.Message}";
        return text;
    }
}
