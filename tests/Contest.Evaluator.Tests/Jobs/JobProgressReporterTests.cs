using Contest.Evaluator.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace Contest.Evaluator.Tests.Jobs;

public class JobProgressReporterTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly StringWriter _output = new();

    private JobProgressReporter NewReporter() => new(_output, _time);

    private List<ProgressLine> Written() =>
        [.. _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            Assert.True(ProgressLine.TryParse(line, out var progress), line);
            return progress;
        })];

    [Fact]
    public void Report_RepeatsWithin250Milliseconds_AreDroppedUntilTheIntervalPasses()
    {
        var reporter = NewReporter();

        reporter.Report("clean", 0, 10);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        reporter.Report("clean", 1, 10);
        _time.Advance(TimeSpan.FromMilliseconds(149));
        reporter.Report("clean", 2, 10);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        reporter.Report("clean", 3, 10, forwardImages: 30, message: "on time");

        Assert.Equal(
            [new ProgressLine("clean", 0, 10, 0, ""), new ProgressLine("clean", 3, 10, 30, "on time")],
            Written());
    }

    [Fact]
    public void Report_NewPhase_IsWrittenAtOnce()
    {
        var reporter = NewReporter();

        reporter.Report("loading images", 0, 10);
        reporter.Report("clean", 0, 10);

        Assert.Equal(["loading images", "clean"], Written().Select(p => p.Phase));
    }

    [Fact]
    public void Report_LastItemOfAPhase_IsWrittenAtOnce()
    {
        var reporter = NewReporter();

        reporter.Report("clean", 0, 10);
        reporter.Report("clean", 5, 10);
        reporter.Report("clean", 10, 10);

        Assert.Equal([0L, 10L], Written().Select(p => p.Done));
    }
}
