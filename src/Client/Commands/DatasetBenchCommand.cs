using System.CommandLine;
using System.Globalization;
using Contest.Client.Cli;
using Contest.Client.Output;
using Contest.Core.Dataset;
using Contest.Core.Dataset.Generation;
using Spectre.Console;

namespace Contest.Client.Commands;

/// <summary>
/// `contest dataset bench`: generation's images/s next to JPEG encoding alone of the same kind of
/// pixels, measured in the same run (see <see cref="GenerationBenchmark"/>). Writes only to a
/// temporary folder, removed afterwards.
/// </summary>
internal static class DatasetBenchCommand
{
    public static Command Create(CommandActions actions)
    {
        var images = new Option<int>("--images") { Description = "Images generated per round (half of each class).", DefaultValueFactory = _ => 1000 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds of generation and of encoding, alternated; medians are shown.", DefaultValueFactory = _ => 3 };
        var threads = new Option<int>("--threads") { Description = "Threads for both (default: one per processor, as generate uses).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the images drawn.", DefaultValueFactory = _ => SyntheticDataset.DefaultSeed };
        var command = new Command("bench", "Time dataset generation against JPEG encoding alone (its floor), in a temporary folder.")
        {
            images, rounds, threads, seed,
        };
        actions.Set(command, async (ctx, ct) =>
        {
            if (ctx.Value(images) < 2 || ctx.Value(rounds) < 1 || ctx.Value(threads) < 1)
                throw new CliException("--images must be at least 2, --rounds and --threads at least 1.");
            var options = new BenchmarkOptions { Images = ctx.Value(images), Rounds = ctx.Value(rounds), MaxParallelism = ctx.Value(threads), Seed = ctx.Value(seed) };
            var report = await Task.Run(() => GenerationBenchmark.Run(options, ct), ct);
            if (ctx.Json)
            {
                ctx.WriteJson(DatasetViews.Benchmark(report));
                return;
            }
            var table = new Table().AddColumns("Round", "Generation (images/s)", "JPEG encode alone (images/s)");
            for (var i = 0; i < report.GenerationRates.Count; i++)
                table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), F(report.GenerationRates[i]), F(report.EncodeRates[i]));
            ctx.Console.Write(table);
            ctx.Console.MarkupLineInterpolated(
                $"Generation {F(report.Generation)} images/s, JPEG encode alone {F(report.Encoding)} images/s (medians, {report.Images} images, {report.Parallelism} threads): ratio {report.Ratio.ToString("F2", CultureInfo.InvariantCulture)}.");
        });
        return command;
    }

    private static string F(double rate) => rate.ToString("F0", CultureInfo.InvariantCulture);
}
