using Contest.Contracts.V1;
using Contest.Server.Analyses;
using Contest.Server.Auth;
using Contest.Server.Jobs;
using Contest.Server.Tests.References;
using Contest.Server.Tests.Support;
using Grpc.Core;

namespace Contest.Server.Tests.Analyses;

public sealed class AnalysisResultTests : IDisposable
{
    private readonly TestContest _contest = new();
    private readonly Caller _organizer;
    private readonly Caller _participant;

    public AnalysisResultTests()
    {
        _organizer = _contest.Team("orga", Role.Organizer);
        _participant = _contest.Team("attackers", Role.Attacker);
    }

    public void Dispose() => _contest.Dispose();

    private ServerCallContext AsParticipant => ReferenceTestSupport.CallOf(_participant);

    [Fact]
    public async Task ListAndGet_QueuedAnalyses_NewestFirstForAParticipant_FilteredByKind()
    {
        var first = await AnalysisTestSupport.RunAsync(_contest, _organizer, AnalysisTestSupport.Sweep(seed: 1));
        _contest.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await AnalysisTestSupport.RunAsync(_contest, _organizer, AnalysisTestSupport.Sweep(seed: 2));
        var service = AnalysisTestSupport.References(_contest);

        var all = await service.ListAnalyses(new ListAnalysesRequest(), AsParticipant);
        var sweeps = await service.ListAnalyses(new ListAnalysesRequest { Kind = AnalysisKind.LabelDpSweep }, AsParticipant);
        var other = await service.ListAnalyses(new ListAnalysesRequest { Kind = AnalysisKind.Cscore }, AsParticipant);
        var one = await service.GetAnalysis(new GetAnalysisRequest { JobId = first.Id }, AsParticipant);

        Assert.Equal([second.Id, first.Id], all.Analyses.Select(a => a.JobId));
        Assert.Equal(2, sweeps.Analyses.Count);
        Assert.Empty(other.Analyses);
        Assert.Equal((AnalysisKind.LabelDpSweep, JobStatus.Queued, 1L, "1,inf"), (one.Kind, one.Status, one.Seed, one.Parameters["epsilons"]));
        Assert.NotNull(one.CreatedAt);
        Assert.Null(one.FinishedAt);
        Assert.Empty(one.Tables);
    }

    [Fact]
    public async Task GetAnalysis_UnknownOrMalformedId_NotFoundOrInvalidArgument()
    {
        var service = AnalysisTestSupport.References(_contest);

        var missing = await Assert.ThrowsAsync<RpcException>(() => service.GetAnalysis(new GetAnalysisRequest { JobId = "job_aaaaaaaaaa" }, AsParticipant));
        var malformed = await Assert.ThrowsAsync<RpcException>(() => service.GetAnalysis(new GetAnalysisRequest { JobId = "ref_aaaaaaaaaa" }, AsParticipant));

        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal("no analysis with id 'job_aaaaaaaaaa'.", missing.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
    }

    [Fact]
    public async Task Complete_WithItsPlot_ParticipantReadsTheTablesAndDownloadsThePlot()
    {
        var jobId = await AnalysisTestSupport.FinishedAsync(_contest, _organizer);
        var chunks = new AnalysisTestSupport.Written<FileChunk>();

        var analysis = await AnalysisTestSupport.References(_contest).GetAnalysis(new GetAnalysisRequest { JobId = jobId }, AsParticipant);
        await AnalysisTestSupport.Jobs(_contest).DownloadArtifact(new DownloadArtifactRequest { JobId = jobId, Name = "accuracy.png" }, chunks, AsParticipant);
        var job = await AnalysisTestSupport.Jobs(_contest).GetJob(new GetJobRequest { JobId = jobId }, AsParticipant);
        var listed = Assert.Single((await AnalysisTestSupport.References(_contest).ListAnalyses(new ListAnalysesRequest(), AsParticipant)).Analyses);

        Assert.Equal(JobStatus.Succeeded, analysis.Status);
        var table = Assert.Single(analysis.Tables);
        Assert.Equal("accuracy by epsilon", table.Name);
        Assert.Equal(["epsilon", "method", "accuracy"], table.Columns);
        Assert.Equal(["1", "LP-2ST", "0.81"], table.Rows[0].Cells);
        Assert.Equal((0.81, 0.95), (analysis.Summary["lp2st_eps1_accuracy"], analysis.Summary["baseline_accuracy"]));
        Assert.Equal("LP-2ST warm-starts stage 2 from stage 1.", analysis.Notes);
        Assert.Equal(("quick", "cpu"), (analysis.Parameters["profile"], analysis.Parameters["device"]));
        var artifact = Assert.Single(analysis.Artifacts);
        Assert.Equal(("accuracy.png", 3L), (artifact.Name, artifact.SizeBytes));
        Assert.Equal(64, artifact.Sha256.Length);
        Assert.NotNull(analysis.FinishedAt);
        Assert.Equal([7, 8, 9], chunks.Messages.SelectMany(c => c.Data.ToByteArray()));
        Assert.Equal((JobKind.Analysis, JobStatus.Succeeded), (job.Kind, job.Status));
        Assert.Empty(listed.Tables);
        Assert.Single(listed.Artifacts);
    }

    [Fact]
    public async Task Complete_NamingAnArtifactNotUploaded_IsRefusedAndChangesNothing()
    {
        var job = await AnalysisTestSupport.RunAsync(_contest, _organizer);
        var lease = ReferenceTestSupport.Lease(_contest, JobKind.Analysis);
        ReferenceTestSupport.Attach(_contest, lease, ("accuracy.png", [1]));

        var error = Assert.Throws<RpcException>(() => _contest.Get<JobQueue>().Complete(AnalysisTestSupport.Finished(lease, "accuracy.png", "noise.png")));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("names the artifact 'noise.png', but job", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(JobStatus.Running, _contest.Get<JobStore>().Find(job.Id)!.Status);
        var analysis = _contest.Get<AnalysisStore>().Find(job.Id)!;
        Assert.Equal(JobStatus.Running, analysis.Status);
        Assert.Empty(analysis.Tables);
    }

    [Fact]
    public async Task Complete_TableWiderOrLongerThanTheCaps_IsRefusedSayingWhich()
    {
        await AnalysisTestSupport.RunAsync(_contest, _organizer);
        var lease = ReferenceTestSupport.Lease(_contest, JobKind.Analysis);
        var wide = AnalysisTestSupport.Finished(lease);
        wide.Analysis.Tables[0].Rows[0].Cells.Add("a fourth cell");
        var tall = AnalysisTestSupport.Finished(lease);
        tall.Analysis.Tables[0].Rows.AddRange(Enumerable.Range(0, ResultTables.MaxRows).Select(_ => new ResultTableRow { Cells = { "1" } }));

        var wider = Assert.Throws<RpcException>(() => _contest.Get<JobQueue>().Complete(wide));
        var longer = Assert.Throws<RpcException>(() => _contest.Get<JobQueue>().Complete(tall));

        Assert.Equal("row 1 of table 'accuracy by epsilon' has 4 cells; the table has 3 columns.", wider.Status.Detail);
        Assert.StartsWith($"table 'accuracy by epsilon' has {ResultTables.MaxRows + 2} rows; a table has at most {ResultTables.MaxRows}.", longer.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_WorkersText_IsCleanedAndCut()
    {
        var job = await AnalysisTestSupport.RunAsync(_contest, _organizer);
        var lease = ReferenceTestSupport.Lease(_contest, JobKind.Analysis);
        var result = AnalysisTestSupport.Finished(lease);
        result.Analysis.Tables[0].Rows[0].Cells[1] = "\u001b[31mLP-2ST\u001b[0m\n" + new string('x', 1000);
        result.Analysis.Notes = new string('n', 10_000);
        result.Analysis.Parameters["GPU $name.\u0007"] = "H200\u001b[2J";

        _contest.Get<JobQueue>().Complete(result);

        var analysis = await AnalysisTestSupport.References(_contest).GetAnalysis(new GetAnalysisRequest { JobId = job.Id }, AsParticipant);
        var cell = analysis.Tables[0].Rows[0].Cells[1];
        Assert.StartsWith("LP-2ST x", cell, StringComparison.Ordinal);
        Assert.Equal(ResultTables.MaxCellLength, cell.Length);
        Assert.Equal(AnalysisReport.MaxNotesLength, analysis.Notes.Length);
        Assert.Equal("H200", analysis.Parameters["GPU $name."]);
    }

    [Fact]
    public async Task Fail_ForGood_EveryoneReadsTheReason_InTheAnalysisAndItsJob()
    {
        var job = await AnalysisTestSupport.RunAsync(_contest, _organizer);
        var lease = ReferenceTestSupport.Lease(_contest, JobKind.Analysis);

        _contest.Get<JobQueue>().Fail(lease.LeaseId, "the sweep ran out of memory at epsilon 4", retryable: false);

        var analysis = await AnalysisTestSupport.References(_contest).GetAnalysis(new GetAnalysisRequest { JobId = job.Id }, AsParticipant);
        var asJob = await AnalysisTestSupport.Jobs(_contest).GetJob(new GetJobRequest { JobId = job.Id }, AsParticipant);
        Assert.Equal((JobStatus.Failed, "the sweep ran out of memory at epsilon 4"), (analysis.Status, analysis.Reason));
        Assert.NotNull(analysis.FinishedAt);
        Assert.Equal("the sweep ran out of memory at epsilon 4", asJob.Reason);
        Assert.Equal(JobStatus.Failed, _contest.Get<AnalysisStore>().Find(job.Id)!.Status);
    }

    [Fact]
    public async Task Cancel_ByAnOrganizer_ShowsCancelled_AParticipantMayNotCancel()
    {
        var job = await AnalysisTestSupport.RunAsync(_contest, _organizer);

        var refused = await Assert.ThrowsAsync<RpcException>(() => AnalysisTestSupport.Jobs(_contest).CancelJob(new CancelJobRequest { JobId = job.Id }, AsParticipant));
        await AnalysisTestSupport.Jobs(_contest).CancelJob(new CancelJobRequest { JobId = job.Id, Reason = "wrong grid" }, ReferenceTestSupport.CallOf(_organizer));

        var analysis = await AnalysisTestSupport.References(_contest).GetAnalysis(new GetAnalysisRequest { JobId = job.Id }, AsParticipant);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal((JobStatus.Cancelled, "cancelled: wrong grid"), (analysis.Status, analysis.Reason));
    }

    [Fact]
    public async Task OtherJobs_OfTheOrganizers_StayHiddenFromParticipants()
    {
        ReferenceTestSupport.Queue(_contest, ReferenceKind.Undefended);
        var training = _contest.Get<JobStore>().Newest(null).Single();

        var error = await Assert.ThrowsAsync<RpcException>(() => AnalysisTestSupport.Jobs(_contest).GetJob(new GetJobRequest { JobId = training.Id }, AsParticipant));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
