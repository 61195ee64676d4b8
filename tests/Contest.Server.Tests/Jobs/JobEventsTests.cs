using Contest.Contracts.V1;
using Contest.Server.Jobs;

namespace Contest.Server.Tests.Jobs;

public class JobEventsTests
{
    [Fact]
    public void Subscribe_LastSubscriberLeaving_RemovesTheJobsEntry()
    {
        var events = new JobEvents();
        var first = events.Subscribe("job_aaaaaaaaaa");
        var second = events.Subscribe("job_aaaaaaaaaa");
        Assert.Equal(1, events.WatchedJobs);

        first.Dispose();
        Assert.Equal(1, events.WatchedJobs);
        second.Dispose();
        second.Dispose();

        Assert.Equal(0, events.WatchedJobs);
    }

    [Fact]
    public void Publish_ForAJobNobodyWatches_KeepsNothing()
    {
        var events = new JobEvents();

        events.Publish(new JobProgress { JobId = "job_bbbbbbbbbb", Status = JobStatus.Running });

        Assert.Equal(0, events.WatchedJobs);
    }

    [Fact]
    public async Task Publish_ReachesEverySubscriberOfTheJobOnly()
    {
        var events = new JobEvents();
        using var watching = events.Subscribe("job_aaaaaaaaaa");
        using var other = events.Subscribe("job_cccccccccc");

        events.Publish(new JobProgress { JobId = "job_aaaaaaaaaa", Status = JobStatus.Succeeded });

        var update = await watching.Reader.ReadAsync();
        Assert.Equal(JobStatus.Succeeded, update.Status);
        Assert.False(other.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Subscribe_ManyStreamsComingAndGoing_LeavesNoEntry()
    {
        var events = new JobEvents();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                using var subscription = events.Subscribe($"job_{(i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture)}");
                events.Publish(new JobProgress { JobId = $"job_{((i + t) % 7).ToString(System.Globalization.CultureInfo.InvariantCulture)}" });
            }
        })));

        Assert.Equal(0, events.WatchedJobs);
    }
}
