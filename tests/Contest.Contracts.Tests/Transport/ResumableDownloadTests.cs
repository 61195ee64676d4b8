using System.Security.Cryptography;
using Contest.Contracts.Transport;
using Contest.Tests.Shared;

namespace Contest.Contracts.Tests.Transport;

public sealed class ResumableDownloadTests : IDisposable
{
    private const int ChunkBytes = 1000;
    private readonly TempDirectory _directory = new("contest-download");
    private readonly byte[] _content = RandomBytes(10 * ChunkBytes + 123);

    // Short waits: the policy is the real one, only faster.
    private static readonly Polly.ResiliencePipeline Retry = TransientRetry.Create(3, TimeSpan.FromMilliseconds(1));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ToFileAsync_StreamBreaksHalfway_ResumesFromWhereItStoppedAndWritesTheWholeFile()
    {
        var server = new FakeDownloadServer(_content, ChunkBytes) { BreakFirstStreamAfter = 5 };
        var target = _directory.Combine("model.pt");

        var file = await ResumableDownload.ToFileAsync(target, server.Open, Retry, "model.pt");

        Assert.Equal([0L, 5L * ChunkBytes], server.Opens);
        Assert.Equal(_content, await File.ReadAllBytesAsync(target));
        Assert.Equal(_content.Length, file.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(_content)), file.Sha256);
        Assert.False(File.Exists(target + ".part"));
    }

    [Fact]
    public async Task ToFileAsync_ProgressReported_EndsAtTheFileSize()
    {
        var server = new FakeDownloadServer(_content, ChunkBytes) { BreakFirstStreamAfter = 3 };
        var reports = new List<long>();

        await ResumableDownload.ToFileAsync(_directory.Combine("model.pt"), server.Open, Retry, "model.pt",
            progress: new ListProgress(reports));

        Assert.Equal(_content.Length, reports[^1]);
        Assert.Equal(reports.Order(), reports);
    }

    [Fact]
    public async Task ToFileAsync_ServerAnnouncesAnotherHash_ThrowsAndLeavesNoFile()
    {
        var server = new FakeDownloadServer(_content, ChunkBytes) { Sha256 = new string('0', 64) };
        var target = _directory.Combine("model.pt");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ResumableDownload.ToFileAsync(target, server.Open, Retry, "model.pt"));

        Assert.Contains("SHA-256 mismatch", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(target + ".part"));
    }

    [Fact]
    public async Task ToFileAsync_ExpectedHashDiffersFromTheServers_ThrowsAndLeavesNoFile()
    {
        var server = new FakeDownloadServer(_content, ChunkBytes);
        var target = _directory.Combine("model.pt");

        await Assert.ThrowsAsync<InvalidDataException>(() =>
            ResumableDownload.ToFileAsync(target, server.Open, Retry, "model.pt", expectedSha256: new string('f', 64)));

        Assert.False(File.Exists(target));
        Assert.False(File.Exists(target + ".part"));
    }

    [Fact]
    public async Task ToFileAsync_ChunkAtTheWrongOffset_ThrowsInvalidDataWithoutRetrying()
    {
        var server = new FakeDownloadServer(_content, ChunkBytes) { OffsetError = 7 };
        var target = _directory.Combine("model.pt");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ResumableDownload.ToFileAsync(target, server.Open, Retry, "model.pt"));

        Assert.Contains("sent bytes from 7, expected 0", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Opens);
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(target + ".part"));
    }

    [Fact]
    public async Task ToFileAsync_TargetAlreadyThere_ReplacedOnlyWhenWhole()
    {
        var target = _directory.Combine("model.pt");
        await File.WriteAllTextAsync(target, "old");
        var broken = new FakeDownloadServer(_content, ChunkBytes) { Sha256 = new string('0', 64) };

        await Assert.ThrowsAsync<InvalidDataException>(() => ResumableDownload.ToFileAsync(target, broken.Open, Retry, "model.pt"));
        Assert.Equal("old", await File.ReadAllTextAsync(target));

        await ResumableDownload.ToFileAsync(target, new FakeDownloadServer(_content, ChunkBytes).Open, Retry, "model.pt");
        Assert.Equal(_content, await File.ReadAllBytesAsync(target));
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(17).NextBytes(bytes);
        return bytes;
    }
}
