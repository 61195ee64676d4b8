using System.CommandLine;
using Contest.Client.Cli;
using Contest.Client.Output;
using Contest.Contracts;
using Contest.Contracts.V1;
using Spectre.Console;

namespace Contest.Client.Commands;

/// <summary>`contest analysis run KIND`: queues an analysis (organizers); one subcommand per kind, since each takes its own settings.</summary>
internal static class AnalysisRunCommand
{
    public static Command Create(CommandActions actions)
    {
        var run = new Command("run", "Queue an analysis on the workers (organizers); read it with `contest analysis show`.");
        run.Subcommands.Add(LabelDpSweep(actions));
        return run;
    }

    private static Command LabelDpSweep(CommandActions actions)
    {
        var quick = new Option<bool>("--quick") { Description = "The quick profile (the default): 300 images per class, 5 epochs a stage of the small ResNet; sized for two CPU cores." };
        var full = new Option<bool>("--full") { Description = "The full profile: all of train and extras, 30 epochs a stage of ResNet-18; for a GPU." };
        var seed = new Option<long>("--seed") { Description = "Run i of a cell uses seed N + i (default 0)." };
        var epsilons = new Option<string?>("--epsilons") { Description = "The label-privacy epsilons to sweep, separated by commas, each in (0, 50] or inf (the non-private baseline), for example 0.25,0.5,1,inf (default: 0.25,0.5,1,2,4,8,inf)." };
        var seeds = new Option<int?>("--seeds") { Description = "Runs per cell, 1-20 (default 3)." };
        var imagesPerClass = new Option<int?>("--images-per-class") { Description = "Training images per class, from train then extras; -1: all of both (default: 300 quick, all full)." };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs per stage (default: 5 quick, 30 full)." };
        var mixup = new Option<bool>("--mixup") { Description = "Train every cell with mixup against the label noise." };
        var parameters = new Option<string[]>("--param")
        {
            Description = $"Any setting as name=value; repeat for several. Names: {string.Join(", ", LabelDpSweepSettings.Names)}.",
            AllowMultipleArgumentsPerToken = false,
        };
        var watch = new Option<bool>("--watch") { Description = "Follow the job live and show the result when it ends (exit code 0 only if it succeeds)." };
        var command = new Command("label-dp-sweep",
            "Sweep label-DP training over epsilon: LP-1ST and LP-2ST (Ghazi et al. 2021) at each epsilon and seed beside the non-private baseline; " +
            "result tables of accuracy and label noise, and an accuracy-vs-epsilon plot (PNG) and CSV to download.")
        {
            quick, full, seed, epsilons, seeds, imagesPerClass, epochs, mixup, parameters, watch,
        };
        actions.Set(command, async (ctx, ct) =>
        {
            var (request, settings) = new LabelDpSweepArguments
            {
                Quick = ctx.Value(quick),
                Full = ctx.Value(full),
                Seed = ctx.Value(seed),
                Epsilons = ctx.Value(epsilons),
                Seeds = ctx.Value(seeds),
                ImagesPerClass = ctx.Value(imagesPerClass),
                Epochs = ctx.Value(epochs),
                Mixup = ctx.Value(mixup),
                Parameters = ctx.Value(parameters) ?? [],
            }.ToRequest();
            // A change: never retried, so one command never queues two sweeps.
            var job = await ctx.Server.References.RunAnalysisAsync(request, cancellationToken: ct);
            var described = $"label-DP sweep, {(settings.Profile == Core.Training.TrainingProfile.Full ? "full" : "quick")} profile, epsilons {string.Join(",", settings.Epsilons.Select(LabelDpSweepSettings.Format))}, {settings.Seeds} seed(s) from {request.Seed}";
            if (!ctx.Value(watch))
            {
                if (ctx.Json)
                    ctx.WriteJson(JsonViews.Job(job));
                else
                    ctx.Console.MarkupLineInterpolated($"Queued analysis {job.Id} ({described}). Follow it with `contest jobs watch {job.Id}`; read it with `contest analysis show {job.Id}`.");
                return ExitCodes.Ok;
            }
            if (!ctx.Json)
                ctx.ErrorConsole.MarkupLineInterpolated($"Queued analysis {job.Id} ({described}); following it (Ctrl+C stops watching, not the job).");
            var finished = await JobWatcher.WatchAsync(ctx, job.Id, ct);
            if (finished.Status != JobStatus.Succeeded)
                return JobsCommands.Finish(ctx, finished);
            await AnalysisCommands.PrintAsync(ctx, job.Id, ct);
            return ExitCodes.Ok;
        });
        return command;
    }
}
