using Contest.Core.Dataset;
using Contest.Core.Dataset.Generation;
using Contest.Tests.Shared;

namespace Contest.Core.Tests.Dataset;

/// <summary>The default seed's train and test splits at full size (125 per class), generated once for the tests that only read them.</summary>
public sealed class GeneratedSplitsFixture : IDisposable
{
    private readonly TempDirectory _directory = new("contest-dataset");

    public GeneratedSplitsFixture()
    {
        Report = DatasetGenerator.Generate(new GenerationOptions
        {
            Root = _directory.Path,
            Counts = SplitCounts.Parse("train=125,test=125,extras=0,eligibility=0"),
        });
        Reader = DatasetReader.Open(_directory.Path);
    }

    public GenerationReport Report { get; }

    public DatasetReader Reader { get; }

    public void Dispose() => _directory.Dispose();
}

[CollectionDefinition(Name)]
public sealed class GeneratedSplitsCollection : ICollectionFixture<GeneratedSplitsFixture>
{
    public const string Name = "generated train and test splits";
}
