using System.Text;
using Contest.Contracts.V1;
using Contest.Core;
using Contest.Server.Datasets;
using Contest.Server.Jobs;
using Contest.Server.Tests.Analyses;
using Contest.Server.Tests.References;
using Contest.Server.Tests.Support;
using Contest.Server.Workers;
using Grpc.Core;

namespace Contest.Server.Tests.Workers;

/// <summary>What each kind of job lists of the dataset, on a small catalog: 2 images per class in train, 4 in extras, 3 in test and eligibility.</summary>
public sealed class JobImagesTests : IDisposable
{
    private readonly TestContest _contest = new();
    private readonly SmallCatalog _catalog = new(("train", 2), ("extras", 4), ("test", 3), ("eligibility", 3));

    public void Dispose() => _contest.Dispose();

    private JobImages Images => new(_catalog, _contest.Get<JobSpecBuilder>());

    [Theory]
    [InlineData("3", 1)]
    [InlineData("5", 3)]
    [InlineData("-1", 4)]
    [InlineData("1", 0)]
    [InlineData("2", 0)]
    public async Task LabelDpSweep_ListsTrain_ExtrasUpToImagesPerClass_AndTest_LabelledWithTheirSplits(string imagesPerClass, int extrasPerClass)
    {
        var request = AnalysisTestSupport.Sweep();
        request.Parameters["images_per_class"] = imagesPerClass;
        await AnalysisTestSupport.RunAsync(_contest, _contest.Team("orga", Role.Organizer), request);
        var lease = ReferenceTestSupport.Lease(_contest, JobKind.Analysis);

        var listing = Images.List(lease);

        Assert.Equal("train+extras+test", listing.Split);
        var counts = listing.Images.CountBy(i => i.Split).ToDictionary();
        Assert.Equal((4, 2 * extrasPerClass, 6), (counts["train"], counts.GetValueOrDefault("extras"), counts["test"]));
        Assert.Equal(extrasPerClass > 0 ? ["train", "extras", "test"] : ["train", "test"], listing.Images.Select(i => i.Split).Distinct());
        Assert.All(listing.Images.Where(i => i.Split == "extras").GroupBy(i => i.Label), g => Assert.Equal(extrasPerClass, g.Count()));
        Assert.All(listing.Images, i => Assert.NotEqual(Label.Unspecified, i.Label));
        Assert.DoesNotContain(listing.Images, i => i.Id.StartsWith("eligibility", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LabelDpSweep_OpensAnImageOfEverySplitItLists_NeverOneOfEligibility()
    {
        await AnalysisTestSupport.RunAsync(_contest, _contest.Team("orga", Role.Organizer));
        var lease = ReferenceTestSupport.Lease(_contest, JobKind.Analysis);

        foreach (var id in new[] { "train-bird-1", "extras-bicycle-0", "test-bird-2" })
        {
            var (file, sha256) = Images.Open(lease, id);
            using (file)
                Assert.Equal(id, new StreamReader(file).ReadToEnd());
            Assert.Equal(SmallCatalog.Sha256Of(id), sha256);
        }
        var hidden = Assert.Throws<RpcException>(() => Images.Open(lease, "eligibility-bird-0"));
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public void Training_ListsTrainAndItsShareOfExtras_EachWithItsSplit()
    {
        var listing = Images.List(new JobRecord { Kind = JobKind.TrainReference, ExtrasPerClass = 3 });

        Assert.Equal("train+extras", listing.Split);
        Assert.Equal([("train", 4), ("extras", 6)], listing.Images.CountBy(i => i.Split).Select(p => (p.Key, p.Value)));
        Assert.Equal("extras-bird-2", listing.Images[^1].Id);
        Assert.All(listing.Images, i => Assert.NotEqual(Label.Unspecified, i.Label));
    }

    [Fact]
    public void EligibilityAndEvaluation_ListTheirOneSplit_OnlyTestWithLabels()
    {
        var hidden = Images.List(new JobRecord { Kind = JobKind.Eligibility });
        var test = Images.List(new JobRecord { Kind = JobKind.Evaluate });

        Assert.Equal(("eligibility", "test"), (hidden.Split, test.Split));
        Assert.All(hidden.Images, i => Assert.Equal((Label.Unspecified, "eligibility"), (i.Label, i.Split)));
        Assert.All(test.Images, i => Assert.Equal("test", i.Split));
        Assert.All(test.Images, i => Assert.NotEqual(Label.Unspecified, i.Label));
    }

    [Fact]
    public void OtherJobs_ReadNoImages()
    {
        var error = Assert.Throws<RpcException>(() => Images.List(new JobRecord { Kind = JobKind.Validate }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    /// <summary>Splits of images per class named "split-class-n", whose content is their own id.</summary>
    private sealed class SmallCatalog(params (string Split, int PerClass)[] splits) : IDatasetCatalog
    {
        public bool IsReady => true;

        public string Status => "ready";

        public DatasetInfo Describe() => new() { Source = "synthetic", Version = "test" };

        public IReadOnlyList<CatalogFile> Files(string split) =>
            [.. splits.Where(s => s.Split == split).SelectMany(s =>
                from label in new[] { ClassLabel.Bicycle, ClassLabel.Bird }
                from n in Enumerable.Range(0, s.PerClass)
                let id = $"{split}-{label.ToString().ToLowerInvariant()}-{n}"
                select new CatalogFile($"{label.ToString().ToLowerInvariant()}/{id}.jpg", label, id.Length, Sha256Of(id), id))];

        public Stream Open(string split, string path)
        {
            var id = Path.GetFileNameWithoutExtension(path);
            Assert.StartsWith(split + "-", id, StringComparison.Ordinal);
            return new MemoryStream(Encoding.UTF8.GetBytes(id));
        }

        public static string Sha256Of(string id) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(id)));
    }
}
