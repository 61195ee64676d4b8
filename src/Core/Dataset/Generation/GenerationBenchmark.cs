using System.Diagnostics;
using Contest.Core.Dataset.Synthetic;
using SkiaSharp;

namespace Contest.Core.Dataset.Generation;

/// <summary>
/// Measures dataset generation against its floor in the same run: the whole of
/// <see cref="DatasetGenerator"/> (draw, camera pass, JPEG encode, hash, write) next to JPEG encoding
/// alone of the same kind of finished pixels, with the same number of threads. The encoder's output
/// is fixed by the bytes every seed must keep, so generation can approach that rate but never pass it;
/// the ratio stays meaningful on a busy or slow machine where the absolute rate does not.
/// Rounds alternate the two so that a change in the machine's load falls on both.
/// </summary>
public static class GenerationBenchmark
{
    // Finished images kept in memory for the encode rounds (each 299 x 299 x 4 bytes).
    private const int EncodeSample = 32;

    private static readonly SplitCounts OnlyTrain = SplitCounts.Default
        .With(DatasetSplit.Test, 0).With(DatasetSplit.Extras, 0).With(DatasetSplit.Eligibility, 0);

    /// <summary>Runs a warm-up, then <see cref="BenchmarkOptions.Rounds"/> alternating rounds.</summary>
    /// <param name="options">How many images, rounds and threads.</param>
    /// <param name="cancellationToken">Stops between images.</param>
    public static BenchmarkReport Run(BenchmarkOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Images, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Rounds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelism, 1);
        var images = options.Images / 2 * 2;
        var work = Directory.CreateTempSubdirectory("contest-dataset-bench-");
        var sample = new List<SKSurface>();
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken };
            for (var i = 0; i < Math.Min(EncodeSample, images); i++)
            {
                var surface = SceneRenderer.CreateSurface();
                sample.Add(surface);
                SceneRenderer.Paint(new ImageKey(options.Seed, DatasetSplit.Train, i % 2 == 0 ? ClassLabel.Bicycle : ClassLabel.Bird, i / 2), surface);
            }

            // The warm-up lets the JIT reach its final code before anything is timed.
            Generate(options, Path.Combine(work.FullName, "warm-up"), Math.Min(images, 4 * options.MaxParallelism), cancellationToken);
            Encode(sample, sample.Count, parallel);

            var generation = new List<double>();
            var encoding = new List<double>();
            for (var round = 0; round < options.Rounds; round++)
            {
                generation.Add(Generate(options, Path.Combine(work.FullName, $"round-{round}"), images, cancellationToken));
                encoding.Add(Encode(sample, images, parallel));
            }
            return new BenchmarkReport(images, options.MaxParallelism, generation, encoding);
        }
        finally
        {
            foreach (var surface in sample)
                surface.Dispose();
            work.Delete(recursive: true);
        }
    }

    /// <summary>Images per second of a real generation run (one split, both classes) into a fresh folder, removed afterwards.</summary>
    private static double Generate(BenchmarkOptions options, string root, int images, CancellationToken cancellationToken)
    {
        var report = DatasetGenerator.Generate(new GenerationOptions
        {
            Root = root,
            Seed = options.Seed,
            Counts = OnlyTrain.With(DatasetSplit.Train, images / 2),
            MaxParallelism = options.MaxParallelism,
        }, progress: null, cancellationToken);
        Directory.Delete(root, recursive: true);
        return report.Written / report.Elapsed.TotalSeconds;
    }

    /// <summary>Images per second of encoding the sample's pixels, <paramref name="images"/> times in all.</summary>
    private static double Encode(List<SKSurface> sample, int images, ParallelOptions parallel)
    {
        var clock = Stopwatch.StartNew();
        ParallelWork.For(images, parallel, i =>
        {
            using var pixels = sample[i % sample.Count].PeekPixels();
            SceneRenderer.Encode(pixels);
        });
        return images / clock.Elapsed.TotalSeconds;
    }
}
