using Contest.Contracts.V1;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Tests.Support;

namespace Contest.Server.Tests.Infrastructure;

public sealed class BlobCollectorTests : IDisposable
{
    private readonly TestContest _contest = new(("BlobGraceMinutes", "60"));

    public void Dispose() => _contest.Dispose();

    [Fact]
    public async Task Collect_AnOldBlobNoRecordNames_DeletesIt()
    {
        var unnamed = StoreBlob("unnamed", age: TimeSpan.FromHours(2));

        var result = await Collector.CollectAsync(CancellationToken.None);

        Assert.False(Blobs.Exists(unnamed));
        Assert.Equal(1, result.Deleted);
    }

    [Fact]
    public async Task Collect_AnOldBlobARecordNames_KeepsIt()
    {
        var team = _contest.Team("defenders", Role.Defender);
        var defense = _contest.Defense(team);
        StoreBlobNamed(defense.Sha256, age: TimeSpan.FromDays(30));

        var result = await Collector.CollectAsync(CancellationToken.None);

        Assert.True(Blobs.Exists(defense.Sha256));
        Assert.Equal((1, 0), (result.Named, result.Deleted));
    }

    [Fact]
    public async Task Collect_AFreshUnnamedBlob_KeepsItUntilTheGracePeriodHasPassed()
    {
        var fresh = StoreBlob("just uploaded, record not written yet", age: TimeSpan.FromMinutes(10));

        var early = await Collector.CollectAsync(CancellationToken.None);
        _contest.Clock.Advance(TimeSpan.FromMinutes(51));
        var late = await Collector.CollectAsync(CancellationToken.None);

        Assert.Equal((1, 0), (early.Young, early.Deleted));
        Assert.Equal(1, late.Deleted);
        Assert.False(Blobs.Exists(fresh));
    }

    private BlobCollector Collector => _contest.Get<BlobCollector>();

    private BlobStore Blobs => _contest.Get<BlobStore>();

    private string StoreBlob(string content, TimeSpan age)
    {
        var sha256 = Blobs.Put(System.Text.Encoding.UTF8.GetBytes(content));
        File.SetLastWriteTimeUtc(Blobs.PathOf(sha256), _contest.Now - age);
        return sha256;
    }

    private void StoreBlobNamed(string sha256, TimeSpan age)
    {
        var path = Blobs.PathOf(sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "stands in for the model file");
        File.SetLastWriteTimeUtc(path, _contest.Now - age);
    }
}
