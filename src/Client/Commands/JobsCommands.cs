using System.CommandLine;
using System.Text.Json.Nodes;
using Contest.Client.Cli;
using Contest.Client.Connection;
using Contest.Client.Output;
using Contest.Contracts;
using Contest.Contracts.V1;
using Spectre.Console;

namespace Contest.Client.Commands;

/// <summary>`contest jobs ...`: list, show, watch and cancel jobs.</summary>
internal static class JobsCommands
{
    public static Command Create(CommandActions actions)
    {
        var jobs = new Command("jobs", "Jobs run by evaluation workers: validation, eligibility, evaluations, verdicts.");
        jobs.Subcommands.Add(List(actions));
        jobs.Subcommands.Add(Show(actions));
        jobs.Subcommands.Add(Watch(actions));
        jobs.Subcommands.Add(Cancel(actions));
        return jobs;
    }

    /// <summary>Prints a finished job's outcome; the exit code says whether it succeeded.</summary>
    public static int Finish(CliContext ctx, Job job)
    {
        if (ctx.Json)
            ctx.WriteJson(JsonViews.Job(job));
        else
            ctx.Console.MarkupLineInterpolated($"Job {job.Id} {Words.Of(job.Status)}{(job.Reason.Length > 0 ? $": {job.Reason}" : "")}.");
        if (job.Status == JobStatus.Succeeded)
            return ExitCodes.Ok;
        if (!ctx.Json)
            ctx.Error.WriteLine($"error: job {job.Id} {Words.Of(job.Status)}{(job.Reason.Length > 0 ? $": {job.Reason}" : ".")}");
        return ExitCodes.Failed;
    }

    private static Command List(CommandActions actions)
    {
        var defense = new Option<string?>("--defense") { Description = "Only jobs of this defense." };
        var status = new Option<string?>("--status") { Description = "Only jobs in this state: queued, running, succeeded, failed, cancelled." };
        var limit = new Option<int>("--limit") { Description = "At most this many (newest first).", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List your team's jobs (organizers: all).") { defense, status, limit };
        actions.Set(command, async (ctx, ct) =>
        {
            var request = new ListJobsRequest { DefenseId = ctx.Value(defense) ?? "", Limit = ctx.Value(limit) };
            if (ctx.Value(status) is { } text)
            {
                if (!Words.TryParse<JobStatus>(text, out var parsed))
                    throw new CliException($"unknown status '{text}'.");
                request.Statuses.Add(parsed);
            }
            var response = await SafeRetry.CallAsync(c => ctx.Server.Jobs.ListJobsAsync(request, cancellationToken: c), ct);
            if (ctx.Json)
            {
                ctx.WriteJson(new JsonArray(response.Jobs.Select(j => (JsonNode)JsonViews.Job(j)).ToArray()));
                return;
            }
            var table = new Table().AddColumns("ID", "Kind", "Defense", "Suite", "Status", "Phase", "Attempts", "Created");
            foreach (var j in response.Jobs)
            {
                table.AddRow(j.Id, Words.Of(j.Kind), j.DefenseId, j.Kind == JobKind.Evaluate ? $"{j.Suite} ({Words.Of(j.Profile)})" : "",
                    Words.Of(j.Status), Markup.Escape(j.Progress?.Phase ?? ""), $"{j.Attempts}/{j.MaxAttempts}", JsonViews.Time(j.CreatedAt) ?? "");
            }
            ctx.Console.Write(table);
        });
        return command;
    }

    private static Command Show(CommandActions actions)
    {
        var id = new Argument<string>("JOB_ID") { Description = "Job id." };
        var command = new Command("show", "Show one job.") { id };
        actions.Set(command, async (ctx, ct) =>
        {
            var job = await SafeRetry.CallAsync(c => ctx.Server.Jobs.GetJobAsync(new GetJobRequest { JobId = ctx.Value(id) }, cancellationToken: c), ct);
            if (ctx.Json)
            {
                ctx.WriteJson(JsonViews.Job(job));
                return;
            }
            var grid = new Grid().AddColumn().AddColumn();
            void Row(string key, string value) => grid.AddRow($"[grey]{key}[/]", Markup.Escape(value));
            Row("id", job.Id);
            Row("kind", Words.Of(job.Kind));
            Row("status", Words.Of(job.Status) + (job.Reason.Length > 0 ? $": {job.Reason}" : ""));
            if (job.ModelMessage.Length > 0)
                Row("model said", job.ModelMessage);
            Row("defense", job.DefenseId);
            if (job.Kind == JobKind.Evaluate)
                Row("suite", $"{job.Suite} ({Words.Of(job.Profile)} profile)");
            Row("attempts", $"{job.Attempts} of {job.MaxAttempts}");
            Row("phase", $"{job.Progress?.Phase} {job.Progress?.Done}/{job.Progress?.Total}");
            Row("created", JsonViews.Time(job.CreatedAt) ?? "");
            Row("finished", JsonViews.Time(job.FinishedAt) ?? "");
            ctx.Console.Write(grid);
        });
        return command;
    }

    private static Command Watch(CommandActions actions)
    {
        var id = new Argument<string>("JOB_ID") { Description = "Job id." };
        var command = new Command("watch", "Follow a job live until it ends (exit code 0 only if it succeeds).") { id };
        actions.Set(command, async (ctx, ct) => Finish(ctx, await JobWatcher.WatchAsync(ctx, ctx.Value(id), ct)));
        return command;
    }

    private static Command Cancel(CommandActions actions)
    {
        var id = new Argument<string>("JOB_ID") { Description = "Job id." };
        var reason = TeamsCommands.ReasonOption();
        var command = new Command("cancel", "Cancel a queued or running job.") { id, reason };
        actions.Set(command, async (ctx, ct) =>
        {
            var job = await ctx.Server.Jobs.CancelJobAsync(new CancelJobRequest { JobId = ctx.Value(id), Reason = ctx.Value(reason) ?? "" }, cancellationToken: ct);
            if (ctx.Json)
                ctx.WriteJson(JsonViews.Job(job));
            else
                ctx.Console.MarkupLineInterpolated($"Cancelled job {job.Id}.");
        });
        return command;
    }
}
