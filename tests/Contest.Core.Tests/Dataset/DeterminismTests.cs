using System.Collections.Concurrent;
using Contest.Core.Dataset;
using Contest.Core.Dataset.Synthetic;
using Contest.Core.Dataset.Synthetic.Scenery;
using Contest.Tests.Shared;

namespace Contest.Core.Tests.Dataset;

/// <summary>The same seed gives the same bytes, however the work is split between threads.</summary>
public class DeterminismTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    public void Generate_AnyWorkerCount_WritesTheSameFilesAsOneWorker(int workers)
    {
        using var alone = new TempDirectory();
        using var shared = new TempDirectory();

        DatasetGeneratorTests.Generate(alone.Path, seed: 11, parallelism: 1);
        DatasetGeneratorTests.Generate(shared.Path, seed: 11, parallelism: workers);

        var a = Files(alone.Path);
        var b = Files(shared.Path);
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        Assert.All(a, pair => Assert.Equal(pair.Value, b[pair.Key]));
    }

    [Fact]
    public void Render_ManyThreadsInShuffledOrders_GivesEachKeyItsOwnBytes()
    {
        var keys = Enumerable.Range(0, 12)
            .Select(i => new ImageKey(2018, DatasetSplit.Test, i % 2 == 0 ? ClassLabel.Bird : ClassLabel.Bicycle, i))
            .ToArray();
        var alone = keys.ToDictionary(k => k, k => SceneRenderer.Render(k).Jpeg);
        var together = new ConcurrentBag<(ImageKey Key, byte[] Jpeg)>();

        // Four threads, each rendering every key in its own order, so renders interleave differently.
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            foreach (var key in keys.OrderBy(k => HashCode.Combine(k.Index, t * 7919)))
                together.Add((key, SceneRenderer.Render(key).Jpeg));
        });

        Assert.Equal(4 * keys.Length, together.Count);
        Assert.All(together, item => Assert.Equal(alone[item.Key], item.Jpeg));
    }

    [Theory]
    [InlineData(299, 299)]
    [InlineData(37, 5)]
    [InlineData(3, 4)]
    [InlineData(1, 1)]
    public void CameraPass_ManyCameras_MatchesTheScalarRuleByteForByte(int width, int height)
    {
        var random = new DeterministicRandom(99);
        for (var i = 0; i < 60; i++)
        {
            var camera = Camera.Pick(random.Fork((ulong)i));
            // Also the corners of the rules: no vignette, no grain, coarse grain, strongest settings.
            camera = (i % 4) switch
            {
                0 => camera with { Vignette = 0 },
                1 => camera with { Noise = 0, Grain = 2 },
                2 => camera with { Vignette = 0.45f, Noise = 0.16f, LightStrength = 0.3f, Contrast = 1.25f, Brightness = -0.3f },
                _ => camera,
            };
            var pixels = new byte[width * height * 4];
            for (var p = 0; p < pixels.Length; p++)
                pixels[p] = (byte)random.Int(0, 256);
            var expected = pixels.ToArray();

            CameraPass.Apply(pixels, width, height, camera);
            ScalarCameraPass.Apply(expected, width, height, camera);

            Assert.Equal(expected, pixels);
        }
    }

    private static Dictionary<string, byte[]> Files(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes);
}
