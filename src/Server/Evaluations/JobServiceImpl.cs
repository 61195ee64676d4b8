using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Defenses;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Files;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Contest.Server.Quotas;
using Grpc.Core;

namespace Contest.Server.Evaluations;

/// <summary>Jobs for people: start an evaluation, follow any job of theirs, cancel, and read reports and artifacts.</summary>
internal sealed class JobServiceImpl(
    ContestDatabase db,
    JobStore jobs,
    IJobQueue queue,
    JobEvents events,
    DefenseStore defenses,
    Identities identities,
    BlobStore blobs,
    StreamGuard streams,
    FairShare fairShare) : JobService.JobServiceBase
{
    [RequireRole(Role.Defender)]
    public override Task<Job> CreateEvaluation(CreateEvaluationRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var (suite, profile) = EvaluationRequest.Check(request);
        var job = db.Write(() =>
        {
            var defense = defenses.Find(Ids.Require("def", request.DefenseId, "defense")) ?? throw RpcErrors.NotFound("defense", request.DefenseId);
            if (!caller.IsOrganizer && defense.TeamId != caller.TeamId)
                throw RpcErrors.PermissionDenied($"defense {defense.Id} belongs to another team; you may evaluate your own defenses.");
            if (defense.WithdrawnAt is not null)
                throw RpcErrors.FailedPrecondition($"defense {defense.Id} was withdrawn.");
            if (defense.Validation.Status != ValidationStatus.Passed)
                throw RpcErrors.FailedPrecondition(
                    $"defense {defense.Id} has not passed validation (validation is {Words.Of(defense.Validation.Status)}" +
                    $"{(defense.Validation.Reason.Length > 0 ? ": " + defense.Validation.Reason : "")}).");
            fairShare.CheckEvaluation(caller);
            return queue.Enqueue(EvaluationRequest.NewJob(defense.Id, caller.TeamId, suite, profile, request.Limit));
        });
        return Task.FromResult(ToProto(job, caller));
    }

    [RequireRole]
    public override Task<Job> GetJob(GetJobRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        return Task.FromResult(ToProto(Visible(request.JobId, caller), caller));
    }

    [RequireRole]
    public override Task<ListJobsResponse> ListJobs(ListJobsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var statuses = request.Statuses.ToHashSet();
        var listed = jobs.Newest(caller.IsOrganizer ? null : caller.TeamId)
            .Where(j => request.DefenseId.Length == 0 || j.DefenseId == request.DefenseId)
            .Where(j => statuses.Count == 0 || statuses.Contains(j.Status))
            .Take(request.Limit > 0 ? request.Limit : 100);
        // Many listed jobs share a defense: look each defense's owner up once.
        var views = new Dictionary<string, JobView>(StringComparer.Ordinal);
        var response = new ListJobsResponse();
        foreach (var job in listed)
        {
            // A public job has no defense to share a view with; it is seen whole.
            JobView view;
            if (PublicJobs.IsPublic(job))
                view = JobView.Owner;
            else if (!views.TryGetValue(job.DefenseId, out view))
                views[job.DefenseId] = view = ViewOf(job, caller);
            response.Jobs.Add(job.ToProto(identities.Team(job.TeamId), view));
        }
        return Task.FromResult(response);
    }

    [RequireRole]
    public override async Task WatchJob(WatchJobRequest request, IServerStreamWriter<JobProgress> responseStream, ServerCallContext context)
    {
        var caller = context.GetCaller();
        // Shape and access first: nothing is subscribed (or kept) for a job the caller may not watch.
        var job = Visible(request.JobId, caller);
        var view = ViewOf(job, caller);
        using var stream = streams.Open(caller, context.CancellationToken);
        // Subscribed before the stored state is read again, so no update falls between the two.
        using var subscription = events.Subscribe(job.Id);
        job = jobs.Find(job.Id) ?? job;
        await stream.RunAsync(async token =>
        {
            await responseStream.WriteAsync(JobMapping.ProgressOf(job, view), token);
            if (job.IsFinished)
                return;
            await foreach (var update in subscription.Reader.ReadAllAsync(token))
            {
                await responseStream.WriteAsync(view == JobView.Owner ? update : JobMapping.ForOutsider(update), token);
                if (update.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled)
                    return;
            }
        });
    }

    [RequireRole]
    public override Task<Job> CancelJob(CancelJobRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var job = Visible(request.JobId, caller);
        if (!caller.IsOrganizer && (job.TeamId != caller.TeamId || job.Kind != JobKind.Evaluate))
            throw RpcErrors.PermissionDenied("you may cancel your own evaluations; validation, eligibility, verdict, training and analysis jobs only an organizer may cancel.");
        return Task.FromResult(ToProto(queue.Cancel(job.Id, request.Reason), caller));
    }

    [RequireRole]
    public override Task<EvaluationReport> GetReport(GetReportRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var job = Visible(request.JobId, caller);
        if (job.Kind != JobKind.Evaluate)
            throw RpcErrors.FailedPrecondition($"job {job.Id} is a {Words.Of(job.Kind)} job; only evaluations have reports.");
        if (job.Status != JobStatus.Succeeded || job.ResultSha256.Length == 0)
        {
            var reason = JobMapping.ReasonFor(job, ViewOf(job, caller));
            throw RpcErrors.FailedPrecondition($"job {job.Id} is {Words.Of(job.Status)}; its report exists once it succeeds{(reason.Length > 0 ? $" ({reason})" : "")}.");
        }
        using var file = blobs.OpenRead(job.ResultSha256);
        var report = EvaluationReport.Parser.ParseFrom(file);
        if (!caller.IsOrganizer)
        {
            // The evaluation seed stays with the organizers (defenders must not tune to it).
            foreach (var attack in report.Attacks)
                attack.Seed = 0;
        }
        return Task.FromResult(report);
    }

    [RequireRole]
    public override async Task DownloadArtifact(DownloadArtifactRequest request, IServerStreamWriter<FileChunk> responseStream, ServerCallContext context)
    {
        var job = Visible(request.JobId, context.GetCaller());
        var artifact = job.Artifacts.FirstOrDefault(a => a.Name == request.Name)
            ?? throw RpcErrors.NotFound($"job {job.Id} has no artifact named '{request.Name}'.");
        await using var file = blobs.OpenRead(artifact.Sha256);
        await FileChunkStreamer.SendAsync(file, artifact.Sha256, request.Offset, responseStream, context.CancellationToken);
    }

    /// <summary>A job its own team asked for, one on the caller's defense, a public one (an analysis), or any job for organizers.</summary>
    private JobRecord Visible(string jobId, Caller caller)
    {
        var job = jobs.Find(Ids.Require("job", jobId, "job")) ?? throw RpcErrors.NotFound("job", jobId);
        if (caller.IsOrganizer || job.TeamId == caller.TeamId || PublicJobs.IsPublic(job))
            return job;
        if (defenses.Find(job.DefenseId) is { } defense && defense.TeamId == caller.TeamId)
            return job;
        throw RpcErrors.NotFound("job", jobId);
    }

    /// <summary>
    /// Organizers and the team that owns the job's defense see everything, and everyone sees all of a
    /// public job; the team behind a verdict job (the attacker) sees only the outcome's category, never
    /// what the defense's model said.
    /// </summary>
    private JobView ViewOf(JobRecord job, Caller caller) =>
        caller.IsOrganizer || PublicJobs.IsPublic(job) || defenses.Find(job.DefenseId)?.TeamId == caller.TeamId ? JobView.Owner : JobView.Outsider;

    private Job ToProto(JobRecord job, Caller caller)
    {
        var proto = job.ToProto(identities.Team(job.TeamId), ViewOf(job, caller));
        // A verdict job's team is the attacker: the defense's owner sees the verdict, never who asked
        // for it (before publication that would tell them whose image they may be handed to review).
        if (job.Kind == JobKind.Verdict && !caller.IsOrganizer && job.TeamId != caller.TeamId)
            proto.Team = null;
        return proto;
    }
}
