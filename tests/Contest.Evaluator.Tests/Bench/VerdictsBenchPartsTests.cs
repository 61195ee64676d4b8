using System.Security.Cryptography;
using Contest.Evaluator.Bench.Verdicts;
using SkiaSharp;

namespace Contest.Evaluator.Tests.Bench;

/// <summary>The pieces `bench verdicts` reports with: nearest-rank percentiles and distinct valid attack images.</summary>
public class VerdictsBenchPartsTests
{
    [Fact]
    public void LatencySummary_TakesNearestRanks()
    {
        var forty = Enumerable.Range(1, 40).Select(i => (double)i).Reverse().ToList();

        var summary = LatencySummary.Of(forty);

        // p50 of 40 is the 20th smallest, p95 the 38th.
        Assert.Equal((20d, 38d, 40d), (summary.P50Ms, summary.P95Ms, summary.MaxMs));
        Assert.Equal((7d, 7d, 7d), (LatencySummary.Of([7]).P50Ms, LatencySummary.Of([7]).P95Ms, LatencySummary.Of([7]).MaxMs));
        Assert.True(double.IsNaN(LatencySummary.Of([]).P50Ms));
    }

    [Fact]
    public void AttackImages_AreDistinct224PixelRgbPngs_AcrossIndicesAndRuns()
    {
        var images = new[] { AttackImageFactory.Png(1, 0), AttackImageFactory.Png(1, 1), AttackImageFactory.Png(2, 0), AttackImageFactory.Png(1, 200) };

        Assert.Equal(images.Length, images.Select(i => Convert.ToHexString(SHA256.HashData(i))).Distinct().Count());
        foreach (var png in images)
        {
            using var codec = SKCodec.Create(new MemoryStream(png));
            Assert.Equal(SKEncodedImageFormat.Png, codec.EncodedFormat);
            Assert.Equal((224, 224), (codec.Info.Width, codec.Info.Height));
        }
        Assert.Equal(AttackImageFactory.Png(1, 5), AttackImageFactory.Png(1, 5));
    }
}
