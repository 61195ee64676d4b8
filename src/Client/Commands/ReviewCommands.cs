using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Contest.Client.Cli;
using Contest.Client.Output;
using Contest.Contracts;
using Contest.Contracts.V1;
using Spectre.Console;
using Box = Contest.Contracts.V1.Box;

namespace Contest.Client.Commands;

/// <summary>`contest review ...`: answer the questions about candidate images; organizers overrule.</summary>
internal static class ReviewCommands
{
    public static Command Create(CommandActions actions)
    {
        var review = new Command("review", "Review candidate attack images (reviewers), or overrule the reviewers (organizers).");
        review.Subcommands.Add(Next(actions));
        review.Subcommands.Add(Submit(actions));
        review.Subcommands.Add(List(actions));
        review.Subcommands.Add(Overrule(actions));
        return review;
    }

    private static Command Next(CommandActions actions)
    {
        var output = new Option<string?>("--out") { Description = "Write the image here (default: review-<item>.png in the current folder)." };
        var command = new Command("next", "Get the next image to review (never your own team's, never one you answered).") { output };
        actions.Set(command, async (ctx, ct) =>
        {
            var item = await ctx.Server.Reviews.NextReviewItemAsync(new NextReviewItemRequest(), cancellationToken: ct);
            var extension = item.ContentType == "image/jpeg" ? ".jpg" : ".png";
            var path = Path.GetFullPath(ctx.Value(output) ?? $"review-{item.ItemId}{extension}");
            await File.WriteAllBytesAsync(path, item.Image.ToByteArray(), ct);
            if (ctx.Json)
            {
                ctx.WriteJson(new JsonObject { ["item_id"] = item.ItemId, ["path"] = path, ["content_type"] = item.ContentType, ["width"] = item.Width, ["height"] = item.Height });
                return;
            }
            ctx.Console.MarkupLineInterpolated($"Item {item.ItemId}: the image is in {path} ({item.Width}x{item.Height}).");
            ctx.Console.MarkupLine("Look at it, then answer: is there a bird? is there a bicycle? (definitely_yes | maybe_yes | maybe_no | definitely_no),");
            ctx.Console.MarkupLine("draw a box X,Y,W,H around the largest object, and say whether it is truncated, occluded, or a depiction:");
            ctx.Console.MarkupLineInterpolated($"  contest review submit {item.ItemId} --bird LEVEL --bicycle LEVEL --box X,Y,W,H [--truncated] [--occluded] [--depiction]");
        });
        return command;
    }

    private static Command Submit(CommandActions actions)
    {
        var item = new Argument<string>("ITEM_ID") { Description = "The item from `review next`." };
        var bird = new Option<string>("--bird") { Description = "Is there a bird? definitely_yes | maybe_yes | maybe_no | definitely_no", Required = true };
        var bicycle = new Option<string>("--bicycle") { Description = "Is there a bicycle? (same levels)", Required = true };
        var box = new Option<string>("--box") { Description = "X,Y,W,H of a box around the largest object, in pixels.", Required = true };
        var truncated = new Option<bool>("--truncated") { Description = "The object is cut off by the image border." };
        var occluded = new Option<bool>("--occluded") { Description = "Something hides part of the object." };
        var depiction = new Option<bool>("--depiction") { Description = "A drawing or other depiction, not a real object (photo-realistic renderings are fine)." };
        var command = new Command("submit", "Record your answers for a review item.") { item, bird, bicycle, box, truncated, occluded, depiction };
        actions.Set(command, async (ctx, ct) =>
        {
            var request = new SubmitReviewRequest
            {
                ItemId = ctx.Value(item),
                Bird = Certainty(ctx.Value(bird), "--bird"),
                Bicycle = Certainty(ctx.Value(bicycle), "--bicycle"),
                Box = ParseBox(ctx.Value(box)),
                Truncated = ctx.Value(truncated),
                Occluded = ctx.Value(occluded),
                Depiction = ctx.Value(depiction),
            };
            var review = await ctx.Server.Reviews.SubmitReviewAsync(request, cancellationToken: ct);
            if (ctx.Json)
                ctx.WriteJson(ContestJsonViews.Review(review));
            else
                ctx.Console.MarkupLineInterpolated($"Recorded your review of item {review.ItemId}.");
        });
        return command;
    }

    private static Command List(CommandActions actions)
    {
        var attack = new Argument<string>("ATTACK_ID") { Description = "Attack id." };
        var command = new Command("list", "Every reviewer answer on an attack image (organizers).") { attack };
        actions.Set(command, async (ctx, ct) =>
        {
            var response = await ctx.Server.Reviews.ListReviewsAsync(new ListReviewsRequest { AttackId = ctx.Value(attack) }, cancellationToken: ct);
            if (ctx.Json)
            {
                ctx.WriteJson(new JsonArray(response.Reviews.Select(r => (JsonNode)ContestJsonViews.Review(r)).ToArray()));
                return;
            }
            var table = new Table().AddColumns("Reviewer", "Bird", "Bicycle", "Box", "Truncated", "Occluded", "Depiction");
            foreach (var r in response.Reviews)
                table.AddRow(r.Reviewer, Words.Of(r.Bird), Words.Of(r.Bicycle), $"{r.Box.X},{r.Box.Y},{r.Box.Width},{r.Box.Height}", YesNo(r.Truncated), YesNo(r.Occluded), YesNo(r.Depiction));
            ctx.Console.Write(table);
        });
        return command;
    }

    private static Command Overrule(CommandActions actions)
    {
        var attack = new Argument<string>("ATTACK_ID") { Description = "Attack id." };
        var valid = new Option<bool>("--valid") { Description = "Declare the image a valid, unambiguous instance of its claimed class." };
        var invalid = new Option<bool>("--invalid") { Description = "Declare the image invalid." };
        var reason = new Option<string>("--reason") { Description = "The written reason, published with the image.", Required = true };
        var command = new Command("overrule", "Decide an image's validity against the reviewers (organizers).") { attack, valid, invalid, reason };
        actions.Set(command, async (ctx, ct) =>
        {
            if (ctx.Value(valid) == ctx.Value(invalid))
                throw new CliException("give exactly one of --valid and --invalid.");
            var response = await ctx.Server.Reviews.OverruleAsync(new OverruleRequest { AttackId = ctx.Value(attack), Valid = ctx.Value(valid), Reason = ctx.Value(reason) }, cancellationToken: ct);
            if (ctx.Json)
                ctx.WriteJson(new JsonObject { ["attack_id"] = response.AttackId, ["valid"] = response.Valid, ["reason"] = response.Reason });
            else
                ctx.Console.MarkupLineInterpolated($"Attack {response.AttackId} is now {(response.Valid ? "valid" : "invalid")}: {response.Reason}");
        });
        return command;
    }

    private static Certainty Certainty(string text, string option) =>
        Words.TryParse<Certainty>(text, out var level)
            ? level
            : throw new CliException($"{option} must be definitely_yes, maybe_yes, maybe_no or definitely_no, not '{text}'.");

    private static Box ParseBox(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 4 || !parts.All(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
            throw new CliException($"--box must be X,Y,W,H in whole pixels, not '{text}'.");
        var v = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new Box { X = v[0], Y = v[1], Width = v[2], Height = v[3] };
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
