using System.CommandLine;
using Contest.Client.Cli;
using Contest.Client.Connection;
using Contest.Client.Output;
using Contest.Contracts;
using Contest.Contracts.V1;
using Spectre.Console;

namespace Contest.Client.Commands;

/// <summary>`contest reference train`: queues a training job (organizers) and optionally follows it.</summary>
internal static class ReferenceTrainCommand
{
    public static Command Create(CommandActions actions)
    {
        var kind = new Option<string>("--kind") { Description = "The recipe: undefended, adversarial_pgd (Madry et al.), trades (Zhang et al.) or label_dp (label differential privacy, LP-MST of Ghazi et al.).", Required = true };
        var profile = new Option<string>("--profile") { Description = "quick (sized for two CPU cores, the default) or full (ResNet-18 on all the data, for a GPU).", DefaultValueFactory = _ => "quick" };
        var seed = new Option<long>("--seed") { Description = "Every random draw of the run derives from it (default 0); same seed, device and data: same model." };
        var epochs = new Option<int?>("--epochs") { Description = "Passes over the training images (default: the profile's)." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Images per SGD step." };
        var learningRate = new Option<string?>("--learning-rate") { Description = "Peak of the cosine schedule, for example 0.05." };
        var architecture = new Option<string?>("--architecture") { Description = "resnet_small (the CPU ResNet; quick's default) or resnet18 (full's default)." };
        var width = new Option<int?>("--width") { Description = "Channels of resnet_small's first stage." };
        var extras = new Option<int?>("--extras-per-class") { Description = "Images per class taken from the extras split besides all of train; -1: all of extras." };
        var epsilon = new Option<string?>("--epsilon")
        {
            Description = "Means two things by kind. adversarial_pgd, trades: the L-inf radius of the training attack, a pixel fraction as 16/255 or 0.0627 (default: the contest's 16/255). " +
                          "label_dp: the label-privacy epsilon, a plain number such as 1 or 0.5, at most 50 (default 1).",
        };
        var steps = new Option<int?>("--steps") { Description = "PGD steps of the training attack (adversarial_pgd, trades)." };
        var stepSize = new Option<string?>("--step-size") { Description = "Step of the training attack, as 4/255 or a fraction (default: 2.5 epsilon / steps; adversarial_pgd, trades)." };
        var beta = new Option<string?>("--beta") { Description = "TRADES' weight of the robustness term (trades only)." };
        var warmup = new Option<int?>("--epsilon-warmup-epochs") { Description = "Epochs over which the attack's radius grows linearly from 0 (0: none; adversarial_pgd, trades)." };
        var stages = new Option<int?>("--stages") { Description = "label_dp: stages of multi-stage training, 1-10 (1 = LP-1ST, 2 = LP-2ST; default 2). --epochs are per stage." };
        var mechanism = new Option<string?>("--mechanism") { Description = "label_dp: how labels are released, rr (plain randomized response) or rr_with_prior (the previous stage's model as the prior; two stages or more). Default: rr_with_prior with two stages or more, rr with one." };
        var mixup = new Option<bool>("--mixup") { Description = "label_dp: mixup of image pairs (lambda uniform in [0,1]) against the label noise." };
        var priorTemperature = new Option<string?>("--prior-temperature") { Description = "label_dp with rr_with_prior: temperature t of the prior p ~ exp(logits / t) (default 1)." };
        var firstPart = new Option<string?>("--first-part") { Description = "label_dp with two stages or more: the first stage's share of the training images, between 0 and 1 such as 0.4; the other stages split the rest equally (default: equal parts)." };
        var name = new Option<string?>("--name") { Description = "The model's name (default: the server names it after its recipe)." };
        var watch = new Option<bool>("--watch") { Description = "Follow the job live until it ends (exit code 0 only if it succeeds)." };
        var command = new Command("train", "Train a reference model on the workers (organizers); when done it becomes a baseline defense.")
        {
            kind, profile, seed, epochs, batchSize, learningRate, architecture, width, extras, epsilon, steps, stepSize, beta, warmup,
            stages, mechanism, mixup, priorTemperature, firstPart, name, watch,
        };
        actions.Set(command, async (ctx, ct) =>
        {
            var request = new TrainArguments
            {
                Kind = ctx.Value(kind),
                Profile = ctx.Value(profile),
                Seed = ctx.Value(seed),
                Name = ctx.Value(name),
                Epochs = ctx.Value(epochs),
                BatchSize = ctx.Value(batchSize),
                LearningRate = ctx.Value(learningRate),
                Architecture = ctx.Value(architecture),
                Width = ctx.Value(width),
                ExtrasPerClass = ctx.Value(extras),
                Epsilon = ctx.Value(epsilon),
                Steps = ctx.Value(steps),
                StepSize = ctx.Value(stepSize),
                Beta = ctx.Value(beta),
                EpsilonWarmupEpochs = ctx.Value(warmup),
                Stages = ctx.Value(stages),
                Mechanism = ctx.Value(mechanism),
                Mixup = ctx.Value(mixup),
                PriorTemperature = ctx.Value(priorTemperature),
                FirstPart = ctx.Value(firstPart),
            }.ToRequest();
            // A change: never retried, so one command never queues two trainings.
            var job = await ctx.Server.References.TrainReferenceModelAsync(request, cancellationToken: ct);
            if (!ctx.Value(watch))
            {
                if (ctx.Json)
                    ctx.WriteJson(JsonViews.Job(job));
                else
                    ctx.Console.MarkupLineInterpolated($"Queued training job {job.Id} ({Words.Of(request.Kind)}, {Words.Of(request.Profile)} profile, seed {request.Seed}). Follow it with `contest jobs watch {job.Id}`.");
                return ExitCodes.Ok;
            }
            if (!ctx.Json)
                ctx.ErrorConsole.MarkupLineInterpolated($"Queued training job {job.Id}; following it (Ctrl+C stops watching, not the job).");
            var finished = await JobWatcher.WatchAsync(ctx, job.Id, ct);
            var exitCode = JobsCommands.Finish(ctx, finished);
            if (exitCode == ExitCodes.Ok && !ctx.Json)
                await PointAtModelAsync(ctx, job.Id, ct);
            return exitCode;
        });
        return command;
    }

    // The job does not name the model it made; the list does, by its training job.
    private static async Task PointAtModelAsync(CliContext ctx, string jobId, CancellationToken ct)
    {
        var models = await SafeRetry.CallAsync(c => ctx.Server.References.ListReferenceModelsAsync(new ListReferenceModelsRequest(), cancellationToken: c), ct);
        if (models.Models.FirstOrDefault(m => m.JobId == jobId) is { } model)
            ctx.Console.MarkupLineInterpolated($"Reference model {model.Id} ({model.Name}){(model.DefenseId.Length > 0 ? $", baseline defense {model.DefenseId}" : "")}. See `contest reference show {model.Id}`.");
    }
}
