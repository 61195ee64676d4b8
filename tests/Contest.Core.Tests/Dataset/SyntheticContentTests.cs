using Contest.Core.Dataset;
using Contest.Core.Imaging;

namespace Contest.Core.Tests.Dataset;

/// <summary>What the generated images contain, read back from the files and manifests.</summary>
[Collection(GeneratedSplitsCollection.Name)]
public class SyntheticContentTests(GeneratedSplitsFixture fixture)
{
    private static readonly string[] BirdKinds = ["songbird", "duck", "bird-in-flight", "penguin", "owl", "wading-bird"];
    private static readonly string[] BicycleKinds = ["road-bicycle", "city-bicycle", "mountain-bicycle", "small-wheeled-bicycle"];

    [Theory]
    [InlineData(DatasetSplit.Train)]
    [InlineData(DatasetSplit.Test)]
    public void Manifest_EveryImage_HasOneObjectOfItsClassCoveringAQuarterAndInsideTheFrame(DatasetSplit split)
    {
        var manifest = fixture.Reader.ReadManifest(split)!;

        Assert.Equal(250, manifest.Images.Count);
        Assert.All(manifest.Images, image =>
        {
            Assert.Contains(image.Kind, image.Label == ClassLabel.Bird ? BirdKinds : BicycleKinds);
            Assert.True(image.Box.Coverage() >= 0.25, $"{image.File}: box {image.Box} covers {image.Box.Coverage():P1}");
            Assert.True(image.Box.IsInside(), $"{image.File}: box {image.Box} leaves the frame");
            // Not truncated: the generator keeps a margin of free pixels around the object.
            Assert.True(image.Box.X >= 4 && image.Box.Y >= 4 && image.Box.X + image.Box.Width <= 295 && image.Box.Y + image.Box.Height <= 295,
                $"{image.File}: box {image.Box} touches the border");
        });
    }

    [Fact]
    public void Manifest_TrainAndTest_ShowEveryBodyPlanAndBicycleKind()
    {
        var kinds = new[] { DatasetSplit.Train, DatasetSplit.Test }
            .SelectMany(s => fixture.Reader.ReadManifest(s)!.Images)
            .GroupBy(i => i.Kind)
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.All(BirdKinds.Concat(BicycleKinds), kind => Assert.True(kinds.GetValueOrDefault(kind) >= 10, $"{kind}: {kinds.GetValueOrDefault(kind)} images"));
    }

    [Fact]
    public void Files_AreJpeg299x299WithHashAndSizeOfTheManifest()
    {
        var manifest = fixture.Reader.ReadManifest(DatasetSplit.Test)!;
        var entries = fixture.Reader.List(DatasetSplit.Test).ToDictionary(e => e.RelativePath);

        Assert.All(manifest.Images, image =>
        {
            var entry = entries[image.File];
            Assert.Equal((image.Sha256, image.SizeBytes), (entry.Sha256, entry.SizeBytes));
            Assert.Equal(image.Id, entry.Id);
            Assert.True(DatasetLayout.IsWellFormedId(entry.Id), entry.Id);
        });
        var decoded = ImageDecoder.Decode(fixture.Reader.FullPath(entries.Values.First()));
        Assert.Equal((299, 299), (decoded.Width, decoded.Height));
        Assert.Equal([0xFF, 0xD8], File.ReadAllBytes(fixture.Reader.FullPath(entries.Values.First()))[..2]);
    }

    [Fact]
    public void ColourStatistics_LogisticRegressionTrainedOnTrain_IsAtMostSixtyFivePercentOnTest()
    {
        var (trainFeatures, trainLabels) = ColourStatistics.Of(fixture.Reader, DatasetSplit.Train);
        var (testFeatures, testLabels) = ColourStatistics.Of(fixture.Reader, DatasetSplit.Test);

        var model = LogisticRegression.Fit(trainFeatures, trainLabels);
        var accuracy = model.Accuracy(testFeatures, testLabels);

        // The classifier is real: it fits its own training data better than chance.
        Assert.True(model.Accuracy(trainFeatures, trainLabels) > 0.5);
        Assert.True(accuracy <= 0.65, $"per-channel mean and standard deviation predict the class with {accuracy:P1} accuracy");
    }
}
