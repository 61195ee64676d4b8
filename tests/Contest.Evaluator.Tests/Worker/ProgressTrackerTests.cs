using Contest.Contracts.V1;
using Contest.Evaluator.Worker;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Time.Testing;

namespace Contest.Evaluator.Tests.Worker;

public class ProgressTrackerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ToProto_PartWayThroughAPhase_GivesRateAndEtaOverThatPhase()
    {
        var tracker = new ProgressTracker(_time);
        tracker.Set("clean", 0, 100, "");
        _time.Advance(TimeSpan.FromSeconds(10));
        tracker.Set("clean", 40, 100, "batch 2");

        var progress = tracker.ToProto("job-1");

        Assert.Equal("job-1", progress.JobId);
        Assert.Equal(JobStatus.Running, progress.Status);
        Assert.Equal(("clean", 40L, 100L, "batch 2"), (progress.Phase, progress.Done, progress.Total, progress.Message));
        Assert.Equal(4, progress.Rate, 9);
        Assert.Equal(15, progress.EtaSeconds, 9);
        Assert.Equal(Timestamp.FromDateTimeOffset(_time.GetUtcNow()), progress.UpdatedAt);
    }

    [Fact]
    public void Set_NewPhase_RestartsTheRateClock()
    {
        var tracker = new ProgressTracker(_time);
        tracker.Set("loading images", 10, 10, "");
        _time.Advance(TimeSpan.FromMinutes(5));
        tracker.Set("clean", 0, 10, "");
        _time.Advance(TimeSpan.FromSeconds(5));
        tracker.Set("clean", 5, 10, "");

        var progress = tracker.ToProto("job-1");

        Assert.Equal(1, progress.Rate, 9);
        Assert.Equal(5, progress.EtaSeconds, 9);
    }

    [Fact]
    public void ToProto_NoTimeInThePhaseOrNothingLeft_GivesNoEta()
    {
        var tracker = new ProgressTracker(_time);
        tracker.Set("clean", 3, 10, "");
        var atOnce = tracker.ToProto("job-1");
        _time.Advance(TimeSpan.FromSeconds(2));
        tracker.Set("clean", 10, 10, "");
        var finished = tracker.ToProto("job-1");

        Assert.Equal((0.0, 0.0), (atOnce.Rate, atOnce.EtaSeconds));
        // The 3 already done when the phase began (a resumed run) are not this run's work: 7 in 2 s.
        Assert.Equal(3.5, finished.Rate, 9);
        Assert.Equal(0, finished.EtaSeconds);
        Assert.Equal("clean", tracker.Phase);
    }
}
