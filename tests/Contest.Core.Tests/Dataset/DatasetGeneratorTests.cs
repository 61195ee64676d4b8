using Contest.Core.Dataset;
using Contest.Core.Dataset.Generation;
using Contest.Tests.Shared;

namespace Contest.Core.Tests.Dataset;

public class DatasetGeneratorTests
{
    private static readonly SplitCounts Small = SplitCounts.Parse("train=3,test=2,extras=2,eligibility=2");

    [Fact]
    public void Generate_SameSeedTwice_WritesByteIdenticalFiles()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        Generate(first.Path, seed: 5, parallelism: 2);
        Generate(second.Path, seed: 5, parallelism: 1);

        var a = Files(first.Path);
        var b = Files(second.Path);
        Assert.Equal(a.Keys, b.Keys);
        Assert.Equal(2 * (3 + 2 + 2 + 2) + 4, a.Count);
        Assert.All(a, pair => Assert.Equal(pair.Value, b[pair.Key]));
    }

    [Fact]
    public void Generate_AnotherSeed_WritesOtherImagesWithOtherIds()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        Generate(first.Path, seed: 5);
        Generate(second.Path, seed: 6);

        var a = Files(first.Path).Where(p => p.Key.EndsWith(".jpg", StringComparison.Ordinal)).ToList();
        var b = Files(second.Path).Where(p => p.Key.EndsWith(".jpg", StringComparison.Ordinal)).ToList();
        Assert.Empty(a.Select(p => p.Key).Intersect(b.Select(p => p.Key)));
        Assert.Empty(a.Select(p => Convert.ToHexString(p.Value)).Intersect(b.Select(p => Convert.ToHexString(p.Value))));
    }

    [Fact]
    public void Generate_Layout_IsTheRealOneWithManifestsAndHexIds()
    {
        using var temp = new TempDirectory();

        var report = Generate(temp.Path, seed: 5);

        Assert.Equal(temp.Combine("synthetic-1"), report.VersionDirectory);
        foreach (var split in DatasetSplits.All)
        {
            foreach (var label in new[] { "bicycle", "bird" })
            {
                var files = Directory.GetFiles(temp.Combine("synthetic-1", split.Name(), label));
                Assert.Equal(Small[split], files.Length);
                Assert.All(files, f => Assert.Matches("^[0-9a-f]{16}\\.jpg$", Path.GetFileName(f)));
            }
            var manifest = ManifestFile.Read(temp.Combine("synthetic-1", split.Name(), "manifest.json"))!;
            Assert.Equal((SyntheticDataset.GeneratorVersion, 5UL, split, Small[split]), (manifest.GeneratorVersion, manifest.Seed, manifest.Split, manifest.PerClass));
        }
    }

    [Fact]
    public void Generate_RerunOverCompleteSplits_KeepsEveryFile()
    {
        using var temp = new TempDirectory();
        Generate(temp.Path, seed: 5);
        var before = Directory.GetFiles(temp.Path, "*.jpg", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var report = Generate(temp.Path, seed: 5);

        Assert.Equal(0, report.Written);
        Assert.Equal(Small.TotalImages, report.Kept);
        Assert.All(before, pair => Assert.Equal(pair.Value, File.GetLastWriteTimeUtc(pair.Key)));
    }

    [Fact]
    public void Generate_RerunAfterDamage_RewritesOnlyTheDamagedFile()
    {
        using var temp = new TempDirectory();
        Generate(temp.Path, seed: 5);
        var victim = Directory.GetFiles(temp.Combine("synthetic-1", "test", "bird"))[0];
        var original = File.ReadAllBytes(victim);
        File.WriteAllBytes(victim, original[..100]);

        var report = Generate(temp.Path, seed: 5);

        Assert.Equal(1, report.Written);
        Assert.Equal(original, File.ReadAllBytes(victim));
    }

    [Fact]
    public void Generate_SmallerCounts_RemovesImagesNoLongerInTheSplit()
    {
        using var temp = new TempDirectory();
        Generate(temp.Path, seed: 5);

        var report = DatasetGenerator.Generate(new GenerationOptions { Root = temp.Path, Seed = 5, Counts = Small.With(DatasetSplit.Train, 1) });

        Assert.Equal(4, report.Splits.Single(s => s.Split == DatasetSplit.Train).Removed);
        Assert.Single(Directory.GetFiles(temp.Combine("synthetic-1", "train", "bird")));
    }

    [Fact]
    public void Generate_Cancelled_LeavesNoPartialFileNorManifestAndResumes()
    {
        using var temp = new TempDirectory();
        using var cancel = new CancellationTokenSource();
        var progress = new InlineProgress(p =>
        {
            if (p.Done == 12)
                cancel.Cancel();
        });

        Assert.ThrowsAny<OperationCanceledException>(() => DatasetGenerator.Generate(
            new GenerationOptions { Root = temp.Path, Seed = 5, Counts = Small, MaxParallelism = 1 }, progress, cancel.Token));

        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp", SearchOption.AllDirectories));
        Assert.False(File.Exists(temp.Combine("synthetic-1", "extras", "manifest.json")));
        var resumed = Generate(temp.Path, seed: 5);
        Assert.True(resumed.Kept >= 10, $"kept {resumed.Kept}");
        Assert.True(DatasetVerifierTests.VerifyClean(temp.Path));
    }

    [Fact]
    public void Generate_Progress_CountsEveryImageOnceInOrder()
    {
        using var temp = new TempDirectory();
        var seen = new List<DatasetProgress>();

        DatasetGenerator.Generate(new GenerationOptions { Root = temp.Path, Seed = 5, Counts = Small }, new InlineProgress(seen.Add));

        Assert.Equal(Enumerable.Range(1, Small.TotalImages), seen.Select(p => p.Done));
        Assert.All(seen, p => Assert.Equal(Small.TotalImages, p.Total));
    }

    [Fact]
    public void Generate_EligibilitySeed_ChangesOnlyTheEligibilitySplit()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        Generate(first.Path, seed: 5);
        DatasetGenerator.Generate(new GenerationOptions { Root = second.Path, Seed = 5, EligibilitySeed = 77, Counts = Small });

        string[] Ids(string root, string split) => Directory.GetFiles(Path.Combine(root, "synthetic-1", split), "*.jpg", SearchOption.AllDirectories).Select(Path.GetFileName).Order().ToArray()!;
        Assert.Equal(Ids(first.Path, "train"), Ids(second.Path, "train"));
        Assert.Empty(Ids(first.Path, "eligibility").Intersect(Ids(second.Path, "eligibility")));
        Assert.Equal(77UL, ManifestFile.Read(Path.Combine(second.Path, "synthetic-1", "eligibility", "manifest.json"))!.Seed);
    }

    [Theory]
    [InlineData("train=10,test=3", "train=10,test=3,extras=13750,eligibility=500")]
    [InlineData(" extras = 0 , eligibility=1", "train=125,test=125,extras=0,eligibility=1")]
    public void SplitCountsParse_NamedSplits_OverrideTheDefaults(string text, string expected)
    {
        Assert.Equal(expected, SplitCounts.Parse(text).ToString());
    }

    [Theory]
    [InlineData("validation=3")]
    [InlineData("train")]
    [InlineData("train=-1")]
    [InlineData("train=ten")]
    public void SplitCountsParse_Malformed_Throws(string text)
    {
        Assert.Throws<FormatException>(() => SplitCounts.Parse(text));
    }

    internal static GenerationReport Generate(string root, ulong seed, int? parallelism = null) =>
        DatasetGenerator.Generate(new GenerationOptions
        {
            Root = root,
            Seed = seed,
            Counts = Small,
            MaxParallelism = parallelism ?? Environment.ProcessorCount,
        });

    private static Dictionary<string, byte[]> Files(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes);

    /// <summary>Reports on the calling thread, unlike Progress&lt;T&gt;, which posts to the thread pool.</summary>
    internal sealed class InlineProgress(Action<DatasetProgress> report) : IProgress<DatasetProgress>
    {
        public void Report(DatasetProgress value) => report(value);
    }
}
