using Contest.Contracts.V1;
using Contest.Server.Jobs;
using Contest.Server.Notifications;
using Contest.Server.Tests.Support;
using Microsoft.Extensions.Options;

namespace Contest.Server.Tests.Jobs;

public sealed class ArtifactCapTests : IDisposable
{
    private readonly TestContest _contest = new();
    private readonly JobQueue _queue;

    public ArtifactCapTests()
    {
        var options = Options.Create(new JobOptions { MaxArtifactsPerJob = 3, MaxArtifactBytesPerJob = 100, MaxArtifactBytes = 80 });
        _queue = new JobQueue(_contest.Db, _contest.Get<JobStore>(), new JobEvents(), _contest.Get<QueueSignal>(), _contest.Clock, options, [],
            _contest.Get<NotificationHub>(), _contest.Get<IJobGate>());
    }

    public void Dispose() => _contest.Dispose();

    [Fact]
    public void AttachArtifact_PastTheCountPerJob_IsRefusedSayingSo()
    {
        var lease = Leased();
        foreach (var name in new[] { "a", "b", "c" })
            Assert.Null(_queue.AttachArtifact(lease, Artifact(name, 1)));

        var refusal = _queue.AttachArtifact(lease, Artifact("d", 1));

        Assert.NotNull(refusal);
        Assert.False(refusal.LeaseLapsed);
        Assert.Contains("already has 3 artifacts, the most a job may have (3)", refusal.Message);
        // Replacing one of the same name is no extra artifact.
        Assert.Null(_queue.AttachArtifact(lease, Artifact("c", 2)));
        Assert.Equal(3, _queue.CurrentLease(lease)!.Artifacts.Count);
    }

    [Fact]
    public void AttachArtifact_PastTheBytesPerJob_IsRefusedWithTheNumbers()
    {
        var lease = Leased();
        Assert.Null(_queue.AttachArtifact(lease, Artifact("a", 60)));

        var refusal = _queue.AttachArtifact(lease, Artifact("b", 41));

        Assert.NotNull(refusal);
        Assert.Contains("would bring the job's artifacts to 101 bytes, over the 100 bytes", refusal.Message);
        Assert.Null(_queue.AttachArtifact(lease, Artifact("b", 40)));
    }

    [Fact]
    public void AttachArtifact_AfterTheLeaseLapsed_SaysSo()
    {
        var refusal = _queue.AttachArtifact("lease_gone", Artifact("a", 1));

        Assert.True(refusal?.LeaseLapsed);
    }

    [Fact]
    public void RoomFor_IsTheLeastOfTheFileCapAndWhatTheJobHasLeft()
    {
        var options = new JobOptions { MaxArtifactBytesPerJob = 100, MaxArtifactBytes = 80 };

        Assert.Equal(80, ArtifactCaps.RoomFor([], options));
        Assert.Equal(30, ArtifactCaps.RoomFor([Artifact("a", 70)], options));
        Assert.Equal(0, ArtifactCaps.RoomFor([Artifact("a", 100)], options));
    }

    private string Leased()
    {
        _contest.Db.Write(() => _queue.Enqueue(new JobRecord { Kind = JobKind.Evaluate, DefenseId = "def_2222222222", TeamId = "team_x" }));
        return _queue.TryLease("w1", [])!.LeaseId;
    }

    private static ArtifactState Artifact(string name, long size) =>
        new() { Name = name, Sha256 = new string('a', 64), SizeBytes = size, ContentType = "image/png" };
}
