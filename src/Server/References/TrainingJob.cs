using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Server.Defenses;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;

namespace Contest.Server.References;

/// <summary>
/// Training a reference model: the worker gets the request as queued (and rebuilds the plan from it);
/// a finished model is registered as an open baseline defense of the organizers and validated like
/// any upload (its eligibility and warm-up evaluation follow).
/// </summary>
internal sealed class TrainingJob(ReferenceStore references, DefenseRegistration registration, TimeProvider clock) : IJobKindHandler
{
    public JobKind Kind => JobKind.TrainReference;

    public void DescribeInputs(JobRecord job, JobSpec spec)
    {
        if (references.Find(job.ReferenceId) is not { } reference)
            return;
        spec.Train = TrainReferenceModelRequest.Parser.ParseFrom(reference.Request);
    }

    public void OnStarted(JobRecord job) => references.Update(job.ReferenceId, r =>
    {
        r.Status = ReferenceStatus.Training;
        r.JobId = job.Id;
    });

    public IReadOnlyList<JobRecord> OnSucceeded(JobRecord job, CompleteJobRequest result)
    {
        var outcome = result.Reference ?? throw RpcErrors.InvalidArgument("a training job must complete with a reference outcome.");
        var reference = references.Find(job.ReferenceId)
            ?? throw RpcErrors.FailedPrecondition($"training job {job.Id} names reference model '{job.ReferenceId}', which does not exist.");
        if (outcome.Format is not (ModelFormat.Native or ModelFormat.Unspecified))
            throw RpcErrors.InvalidArgument($"a trained reference model must be in the native format, not {Words.Of(outcome.Format)}.");
        if (outcome.ModelArtifact.Length == 0)
            throw RpcErrors.InvalidArgument("the training result names no model artifact (model_artifact); upload the model file as an artifact first.");
        var model = Artifact(job, outcome.ModelArtifact, "model");
        var safetensors = outcome.SafetensorsArtifact.Length > 0 ? Artifact(job, outcome.SafetensorsArtifact, "safetensors") : null;
        var curveImage = outcome.CurveArtifact.Length > 0 ? Artifact(job, outcome.CurveArtifact, "curve") : null;
        var reported = outcome.Model ?? new ReferenceModel();
        var curve = TrainingReport.Curve(reported);
        var metrics = TrainingReport.Metrics(reported);
        var parameters = TrainingReport.Parameters(reference.Parameters, reported);

        var now = clock.GetUtcNow().UtcDateTime;
        var defense = new DefenseRecord
        {
            Id = Ids.New("def"),
            Name = registration.FreeName(reference.Name),
            Description = Description(reference),
            TeamId = job.TeamId,
            Open = true,
            Baseline = true,
            Format = ModelFormat.Native,
            Sha256 = model.Sha256,
            SizeBytes = model.SizeBytes,
            CreatedAt = now,
        };
        defense.FileName = $"{defense.Name}.ctn";
        var validation = registration.Register(defense);
        references.Update(reference.Id, r =>
        {
            r.Status = ReferenceStatus.Ready;
            r.Reason = "";
            r.DefenseId = defense.Id;
            r.ModelSha256 = model.Sha256;
            r.SafetensorsSha256 = safetensors?.Sha256 ?? "";
            r.CurveSha256 = curveImage?.Sha256 ?? "";
            r.Curve = curve;
            r.Metrics = metrics;
            r.Parameters = parameters;
            r.FinishedAt = now;
        });
        return [validation];
    }

    public void OnFailed(JobRecord job, string reason) => references.Update(job.ReferenceId, r =>
    {
        r.Status = ReferenceStatus.Failed;
        r.Reason = reason;
        r.JobId = job.Id;
        r.FinishedAt = clock.GetUtcNow().UtcDateTime;
    });

    /// <summary>The artifact the result names, which the worker must have uploaded under this lease.</summary>
    private static ArtifactState Artifact(JobRecord job, string name, string what) =>
        job.Artifacts.LastOrDefault(a => a.Name == name)
        ?? throw RpcErrors.InvalidArgument(
            $"the training result names '{Core.Text.ModelText.Clean(name, 100)}' as its {what} file, but the job has no artifact of that name; upload it before completing.");

    private static string Description(ReferenceRecord reference) =>
        $"Built-in baseline trained by this server: recipe {reference.Parameters.GetValueOrDefault("recipe", Words.Of(reference.Kind))}, " +
        $"profile {Words.Of(reference.Profile)}, seed {reference.Seed} (reference model {reference.Id}).";
}
