using System.Security.Cryptography;
using Contest.Core.Dataset;
using Contest.Tests.Shared;

namespace Contest.Core.Tests.Dataset;

public class DatasetReaderTests
{
    [Fact]
    public void Open_RootOrVersionFolder_ReadTheSameEntries()
    {
        using var temp = new TempDirectory();
        RealLayout.Write(temp.Combine("0.0.4"), perClass: 2, splits: ["train", "test"]);

        var fromRoot = DatasetReader.Open(temp.Path);
        var fromVersion = DatasetReader.Open(temp.Combine("0.0.4"));

        Assert.Equal("0.0.4", fromRoot.Version);
        Assert.Equal(fromRoot.VersionDirectory, fromVersion.VersionDirectory);
        Assert.Equal(fromRoot.List(DatasetSplit.Test), fromVersion.List(DatasetSplit.Test));
        Assert.Equal([DatasetSplit.Train, DatasetSplit.Test], fromRoot.Splits);
        Assert.False(fromRoot.IsSynthetic);
    }

    [Fact]
    public void List_RealLayout_LabelsFromFoldersWithSizeAndHash()
    {
        using var temp = new TempDirectory();
        RealLayout.Write(temp.Combine("0.0.4"), perClass: 2, splits: ["test"]);
        var reader = DatasetReader.Open(temp.Path);

        var entries = reader.List(DatasetSplit.Test);

        Assert.Equal([ClassLabel.Bicycle, ClassLabel.Bicycle, ClassLabel.Bird, ClassLabel.Bird], entries.Select(e => e.Label));
        var first = entries[0];
        Assert.Equal($"test/bicycle/{first.Id}.jpg", first.RelativePath);
        var bytes = File.ReadAllBytes(reader.FullPath(first));
        Assert.Equal((bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes))), (first.SizeBytes, first.Sha256));
        using var stream = reader.OpenRead(first);
        Assert.Equal(bytes.Length, stream.Length);
    }

    [Fact]
    public void Open_FolderWithoutData_SaysWhatLayoutItExpects()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<DatasetException>(() => DatasetReader.Open(temp.Path));

        Assert.Contains("{train,test,extras}/{bicycle,bird}", error.Message);
    }

    [Fact]
    public void Open_SeveralVersions_NeedsAChoice()
    {
        using var temp = new TempDirectory();
        RealLayout.Write(temp.Combine("0.0.4"), perClass: 1, splits: ["test"]);
        RealLayout.Write(temp.Combine("synthetic-1"), perClass: 1, splits: ["test"]);

        var error = Assert.Throws<DatasetException>(() => DatasetReader.Open(temp.Path));
        var chosen = DatasetReader.Open(temp.Path, "synthetic-1");

        Assert.Contains("0.0.4, synthetic-1", error.Message);
        Assert.Equal("synthetic-1", chosen.Version);
        Assert.True(chosen.IsSynthetic);
    }

    [Fact]
    public void Open_MissingFolder_Throws()
    {
        Assert.Throws<DatasetException>(() => DatasetReader.Open(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
    }
}
