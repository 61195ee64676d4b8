using Contest.Core.Dataset;
using Contest.Core.Dataset.Verification;
using Contest.Tests.Shared;
using SkiaSharp;

namespace Contest.Core.Tests.Dataset;

public class DatasetVerifierTests
{
    [Fact]
    public void Verify_FreshlyGenerated_IsClean()
    {
        using var temp = new TempDirectory();
        DatasetGeneratorTests.Generate(temp.Path, seed: 5);

        var report = DatasetVerifier.Verify(DatasetReader.Open(temp.Path));

        Assert.True(report.IsClean, string.Join('\n', report.Problems));
        Assert.Equal(18, report.ImagesChecked);
        Assert.All(report.Splits, s => Assert.True(s.HasManifest));
    }

    [Fact]
    public void Verify_DeletedImage_NamesTheFileAndTheShortClass()
    {
        using var temp = new TempDirectory();
        DatasetGeneratorTests.Generate(temp.Path, seed: 5);
        var victim = Victim(temp.Path, "train", "bird");
        File.Delete(victim.Path);

        var problems = DatasetVerifier.Verify(DatasetReader.Open(temp.Path)).Problems;

        Assert.Contains(problems, p => p.Path == victim.Relative && p.Kind == DatasetProblemKind.Missing);
        Assert.Contains(problems, p => p.Path == "train/bird" && p.Kind == DatasetProblemKind.WrongCount && p.Message == "2 images, expected 3.");
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void Verify_ResizedImage_NamesTheFileAndItsSize()
    {
        using var temp = new TempDirectory();
        DatasetGeneratorTests.Generate(temp.Path, seed: 5);
        var victim = Victim(temp.Path, "test", "bicycle");
        using (var original = SKBitmap.Decode(victim.Path))
        using (var resized = original.Resize(new SKImageInfo(300, 299), new SKSamplingOptions(SKFilterMode.Linear)))
        using (var data = resized.Encode(SKEncodedImageFormat.Jpeg, 90))
            File.WriteAllBytes(victim.Path, data.ToArray());

        var problems = DatasetVerifier.Verify(DatasetReader.Open(temp.Path)).Problems;

        Assert.Contains(problems, p => p.Path == victim.Relative && p.Kind == DatasetProblemKind.WrongSize && p.Message.StartsWith("300x299", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == victim.Relative && p.Kind == DatasetProblemKind.HashMismatch);
        Assert.All(problems, p => Assert.Equal(victim.Relative, p.Path));
    }

    [Fact]
    public void Verify_TruncatedImage_NamesTheFileAsUndecodable()
    {
        using var temp = new TempDirectory();
        DatasetGeneratorTests.Generate(temp.Path, seed: 5);
        var victim = Victim(temp.Path, "extras", "bird");
        var bytes = File.ReadAllBytes(victim.Path);
        File.WriteAllBytes(victim.Path, bytes[..(bytes.Length / 2)]);

        var problems = DatasetVerifier.Verify(DatasetReader.Open(temp.Path)).Problems;

        Assert.Contains(problems, p => p.Path == victim.Relative && p.Kind == DatasetProblemKind.Undecodable && p.Message.Contains("truncated", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == victim.Relative && p.Kind == DatasetProblemKind.HashMismatch);
    }

    [Fact]
    public void Verify_FlippedBytesInTheMiddle_NamesTheFileByItsHash()
    {
        using var temp = new TempDirectory();
        DatasetGeneratorTests.Generate(temp.Path, seed: 5);
        var victim = Victim(temp.Path, "eligibility", "bicycle");
        var bytes = File.ReadAllBytes(victim.Path);
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + 16; i++)
            bytes[i] ^= 0x5A;
        File.WriteAllBytes(victim.Path, bytes);

        var problems = DatasetVerifier.Verify(DatasetReader.Open(temp.Path)).Problems;

        Assert.Contains(problems, p => p.Path == victim.Relative && p.Kind == DatasetProblemKind.HashMismatch);
        Assert.All(problems, p => Assert.Equal(victim.Relative, p.Path));
    }

    [Fact]
    public void Verify_StrayFiles_AreNamed()
    {
        using var temp = new TempDirectory();
        DatasetGeneratorTests.Generate(temp.Path, seed: 5);
        File.Copy(Victim(temp.Path, "train", "bird").Path, temp.Combine("synthetic-1", "train", "bird", "00000000deadbeef.jpg"));
        File.WriteAllText(temp.Combine("synthetic-1", "train", "bicycle", "notes.txt"), "hi");

        var problems = DatasetVerifier.Verify(DatasetReader.Open(temp.Path)).Problems;

        Assert.Contains(problems, p => p.Path == "train/bird/00000000deadbeef.jpg" && p.Kind == DatasetProblemKind.Unexpected);
        Assert.Contains(problems, p => p.Path == "train/bicycle/notes.txt" && p.Kind == DatasetProblemKind.Unexpected);
    }

    [Fact]
    public void Verify_RealVersionWithoutManifests_ChecksTheOriginalCounts()
    {
        using var temp = new TempDirectory();
        RealLayout.Write(temp.Combine("0.0.4"), perClass: 2, splits: ["train", "test"]);

        var report = DatasetVerifier.Verify(DatasetReader.Open(temp.Path));

        Assert.Equal("0.0.4", report.Version);
        Assert.Contains(report.Problems, p => p.Path == "extras" && p.Kind == DatasetProblemKind.Missing);
        Assert.Contains(report.Problems, p => p.Path == "test/bird" && p.Message == "2 images, expected 125.");
        Assert.Equal(5, report.Problems.Count);
        Assert.All(report.Splits, s => Assert.Equal(125, s.ExpectedPerClass));
    }

    [Fact]
    public void Verify_UnknownRealVersion_ChecksSizesButNotCounts()
    {
        using var temp = new TempDirectory();
        RealLayout.Write(temp.Combine("0.0.9"), perClass: 2, splits: ["test"]);

        var report = DatasetVerifier.Verify(DatasetReader.Open(temp.Path));

        Assert.True(report.IsClean, string.Join('\n', report.Problems));
        Assert.Null(Assert.Single(report.Splits).ExpectedPerClass);
    }

    internal static bool VerifyClean(string root) => DatasetVerifier.Verify(DatasetReader.Open(root)).IsClean;

    private static (string Path, string Relative) Victim(string root, string split, string label)
    {
        var path = Directory.GetFiles(Path.Combine(root, "synthetic-1", split, label)).Order(StringComparer.Ordinal).First();
        return (path, $"{split}/{label}/{Path.GetFileName(path)}");
    }
}
