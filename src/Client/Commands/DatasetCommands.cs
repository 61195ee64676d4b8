using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Contest.Client.Cli;
using Contest.Client.Output;
using Contest.Core.Dataset;
using Contest.Core.Dataset.Generation;
using Contest.Core.Dataset.Verification;
using Spectre.Console;

namespace Contest.Client.Commands;

/// <summary>`contest dataset ...`: generate the embedded dataset, verify a copy, preview a split. Local, except `download`.</summary>
internal static class DatasetCommands
{
    public static Command Create(CommandActions actions)
    {
        var dataset = new Command("dataset", "The bird-or-bicycle images on this machine: generate the embedded set, verify a copy, look at it, time generation.");
        dataset.Subcommands.Add(Generate(actions));
        dataset.Subcommands.Add(Verify(actions));
        dataset.Subcommands.Add(Preview(actions));
        dataset.Subcommands.Add(DatasetBenchCommand.Create(actions));
        dataset.Subcommands.Add(DatasetDownloadCommand.Create(actions));
        return dataset;
    }

    private static Command Generate(CommandActions actions)
    {
        var output = new Option<string>("--out") { Description = "Root folder; images go to DIR/synthetic-1/<split>/<class>/.", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Seed of every image.", DefaultValueFactory = _ => SyntheticDataset.DefaultSeed };
        var eligibilitySeed = new Option<ulong?>("--eligibility-seed") { Description = "A private seed for the eligibility split (defaults to --seed; anyone who knows it can regenerate the split)." };
        var perClass = new Option<string?>("--per-class") { Description = $"Images per class, e.g. train=125,test=125 (defaults: {SplitCounts.Default}; 0 skips a split)." };
        var command = new Command("generate", "Generate the embedded bird-or-bicycle dataset in the real layout (a re-run keeps intact files); ends with images written and images/s.")
        {
            output, seed, eligibilitySeed, perClass,
        };
        actions.Set(command, async (ctx, ct) =>
        {
            var options = new GenerationOptions
            {
                Root = ctx.Value(output),
                Seed = ctx.Value(seed),
                EligibilitySeed = ctx.Value(eligibilitySeed),
                Counts = ParseCounts(ctx.Value(perClass)),
            };
            var report = await ImageProgress.RunAsync(ctx, "Generating", progress => DatasetGenerator.Generate(options, progress, ct));
            if (ctx.Json)
            {
                ctx.WriteJson(DatasetViews.Generation(report));
                return;
            }
            var table = new Table().AddColumns("Split", "Per class", "Seed", "Written", "Kept", "Removed");
            foreach (var s in report.Splits)
                table.AddRow(s.Split.Name(), N(s.PerClass), s.Seed.ToString(CultureInfo.InvariantCulture), N(s.Written), N(s.Kept), N(s.Removed));
            ctx.Console.Write(table);
            ctx.Console.MarkupLineInterpolated(
                $"Wrote {N(report.Written)} images and kept {N(report.Kept)} in {report.VersionDirectory} ({report.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s, {report.WrittenPerSecond.ToString("F0", CultureInfo.InvariantCulture)} images/s).");
        });
        return command;
    }

    private static Command Verify(CommandActions actions)
    {
        var root = new Argument<string>("DIR") { Description = "A copy: the folder holding the version folder (0.0.4, synthetic-1), or the version folder itself." };
        var version = VersionOption();
        var command = new Command("verify", "Check a copy: 299x299 images, the count per class, decodable files, manifest hashes. Exit 1 on any problem.")
        {
            root, version,
        };
        actions.Set(command, async (ctx, ct) =>
        {
            var reader = Open(ctx.Value(root), ctx.Value(version));
            var report = await ImageProgress.RunAsync(ctx, "Verifying", progress => DatasetVerifier.Verify(reader, progress, ct));
            if (ctx.Json)
                ctx.WriteJson(DatasetViews.Verification(report));
            else
                WriteVerification(ctx, report);
            return report.IsClean ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static Command Preview(CommandActions actions)
    {
        var root = new Argument<string>("DIR") { Description = "A copy (as for verify)." };
        var split = new Option<string>("--split") { Description = "train, test, extras or eligibility.", DefaultValueFactory = _ => "test" };
        var output = new Option<string>("--out") { Description = "The PNG to write.", Required = true };
        var limit = new Option<int>("--limit") { Description = "The most images to show, half of each class.", DefaultValueFactory = _ => 250 };
        var columns = new Option<int>("--columns") { Description = "Thumbnails per row.", DefaultValueFactory = _ => 10 };
        var version = VersionOption();
        var command = new Command("preview", "Write a contact sheet: a labelled grid of a split's images.") { root, split, output, limit, columns, version };
        actions.Set(command, async (ctx, ct) =>
        {
            if (!DatasetSplits.TryParse(ctx.Value(split), out var chosen))
                throw new CliException($"unknown split '{ctx.Value(split)}'; the splits are train, test, extras and eligibility.");
            if (ctx.Value(limit) < 1 || ctx.Value(columns) < 1)
                throw new CliException("--limit and --columns must be at least 1.");
            var reader = Open(ctx.Value(root), ctx.Value(version));
            var png = await Task.Run(() => Guard(() => ContactSheet.Render(reader, chosen, ctx.Value(limit), ctx.Value(columns))), ct);
            var target = Path.GetFullPath(ctx.Value(output));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllBytesAsync(target, png, ct);
            if (ctx.Json)
                ctx.WriteJson(new JsonObject { ["path"] = target, ["version"] = reader.Version, ["split"] = chosen.Name(), ["size_bytes"] = png.Length });
            else
                ctx.Console.MarkupLineInterpolated($"Wrote {target} ({reader.Version}, {chosen.Name()}).");
        });
        return command;
    }

    private static void WriteVerification(CliContext ctx, VerificationReport report)
    {
        var table = new Table().AddColumns("Split", "Bicycles", "Birds", "Expected per class", "Manifest");
        foreach (var s in report.Splits)
            table.AddRow(s.Split.Name(), N(s.Bicycles), N(s.Birds), s.ExpectedPerClass is { } e ? N(e) : "unknown", s.HasManifest ? "yes" : "no");
        ctx.Console.MarkupLineInterpolated($"{report.Version} at {report.VersionDirectory}");
        ctx.Console.Write(table);
        foreach (var problem in report.Problems)
            ctx.Output.WriteLine($"{problem.Path}: {problem.Message}");
        if (report.IsClean)
            ctx.Console.MarkupLineInterpolated($"OK: {N(report.ImagesChecked)} images checked, no problems.");
        else
            ctx.Error.WriteLine($"error: {report.Problems.Count} problem{(report.Problems.Count == 1 ? "" : "s")} in {report.VersionDirectory}.");
    }

    private static Option<string?> VersionOption() => new("--version")
    {
        Description = "The version folder to use when DIR holds several (e.g. 0.0.4 or synthetic-1).",
    };

    private static DatasetReader Open(string root, string? version) => Guard(() => DatasetReader.Open(root, version));

    /// <summary>Turns a folder that is not a usable copy into a one-line usage error.</summary>
    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (DatasetException e)
        {
            throw new CliException(e.Message);
        }
    }

    private static SplitCounts ParseCounts(string? text)
    {
        try
        {
            return text is null ? SplitCounts.Default : SplitCounts.Parse(text);
        }
        catch (FormatException e)
        {
            throw new CliException($"--per-class: {e.Message}");
        }
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
