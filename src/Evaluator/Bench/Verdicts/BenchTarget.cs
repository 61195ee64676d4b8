using Contest.Contracts;
using Contest.Contracts.Transport;
using Contest.Contracts.V1;
using Grpc.Core;

namespace Contest.Evaluator.Bench.Verdicts;

/// <summary>The defense the benchmark attacks: its id, its format, and how it came to be in the contest.</summary>
internal sealed record BenchDefense(string Id, ModelFormat Format, string Entry);

/// <summary>
/// Puts the model in the contest through the public API, as an organizer would by hand: a defender team
/// uploads it, validation and eligibility run on the server's workers (followed with WatchJob, never
/// polled), and the organizer stakes it, with force and a reason when it is not eligible. Or, given a
/// defense id, checks that it can be attacked and is the same file as the local model.
/// </summary>
internal sealed class BenchTarget(CallInvoker organizer, string runName)
{
    private const string Reason = "bench verdicts";

    public async Task<BenchDefense> UploadAndStakeAsync(string modelPath, string server, int maxMessageBytes, CancellationToken cancellationToken)
    {
        var teams = new TeamService.TeamServiceClient(organizer);
        var created = await teams.CreateTeamAsync(
            new CreateTeamRequest { Name = $"{runName}-defender", Roles = { Role.Defender }, Reason = Reason }, cancellationToken: cancellationToken);
        using var defender = new ContestChannel(server, created.Key, maxMessageBytes);
        var metadata = new DefenseUploadMetadata
        {
            Name = $"{runName}-{Path.GetFileName(modelPath)}",
            Description = Reason,
            SizeBytes = new FileInfo(modelPath).Length,
            Sha256 = await FileHashes.Sha256Async(modelPath, cancellationToken),
            FileName = Path.GetFileName(modelPath),
        };
        using var call = new DefenseService.DefenseServiceClient(defender.Invoker).UploadDefense(cancellationToken: cancellationToken);
        var uploaded = await ChunkedUpload.SendAsync(call, new UploadDefenseRequest { Metadata = metadata }, modelPath,
            chunk => new UploadDefenseRequest { Chunk = chunk }, null, cancellationToken);

        var defenses = new DefenseService.DefenseServiceClient(organizer);
        await FinishedAsync(uploaded.Validation.JobId, cancellationToken);
        var judged = await defenses.GetDefenseAsync(new GetDefenseRequest { DefenseId = uploaded.Id }, cancellationToken: cancellationToken);
        if (judged.Validation.Status != ValidationStatus.Passed)
            throw new BenchRefusal($"the model failed validation on the server: {judged.Validation.Reason}");
        await FinishedAsync(judged.Eligibility.JobId, cancellationToken);
        judged = await defenses.GetDefenseAsync(new GetDefenseRequest { DefenseId = uploaded.Id }, cancellationToken: cancellationToken);
        if (judged.Eligibility.Status is not (EligibilityStatus.Eligible or EligibilityStatus.Ineligible))
            throw new BenchRefusal($"the eligibility run did not decide ({Words.Of(judged.Eligibility.Status)}): {judged.Eligibility.Reason}");

        var eligible = judged.Eligibility.Status == EligibilityStatus.Eligible;
        await defenses.StakeDefenseAsync(new StakeDefenseRequest { DefenseId = judged.Id, Force = !eligible, Reason = Reason },
            cancellationToken: cancellationToken);
        return new BenchDefense(judged.Id, judged.Format, eligible ? "uploaded, eligible, staked" : "uploaded, not eligible, staked with force");
    }

    public async Task<BenchDefense> ReuseAsync(string defenseId, string modelPath, CancellationToken cancellationToken)
    {
        var defense = await new DefenseService.DefenseServiceClient(organizer)
            .GetDefenseAsync(new GetDefenseRequest { DefenseId = defenseId }, cancellationToken: cancellationToken);
        // The floor is measured on the local file: it must be the model the server runs.
        if (defense.Sha256 != await FileHashes.Sha256Async(modelPath, cancellationToken))
            throw new BenchRefusal($"defense {defense.Id} is not {Path.GetFileName(modelPath)} (their SHA-256 differ); give --model the file that defense was uploaded from.");
        if (defense.Withdrawn)
            throw new BenchRefusal($"defense {defense.Id} was withdrawn; it cannot be attacked.");
        var staked = defense.Stake.Status is StakeStatus.Unbroken or StakeStatus.Broken;
        if (!staked && defense.Eligibility.Status != EligibilityStatus.Eligible)
            throw new BenchRefusal($"defense {defense.Id} is neither staked nor eligible, so it cannot be attacked; leave out --defense to have the bench stake one.");
        return new BenchDefense(defense.Id, defense.Format, staked ? "reused, staked" : "reused, eligible");
    }

    /// <summary>Creates <paramref name="count"/> attacker teams and returns their keys.</summary>
    public async Task<IReadOnlyList<string>> AttackerKeysAsync(int first, int count, CancellationToken cancellationToken)
    {
        var teams = new TeamService.TeamServiceClient(organizer);
        var keys = new List<string>(count);
        for (var i = first; i < first + count; i++)
        {
            var created = await teams.CreateTeamAsync(
                new CreateTeamRequest { Name = $"{runName}-attacker-{i}", Roles = { Role.Attacker }, Reason = Reason }, cancellationToken: cancellationToken);
            keys.Add(created.Key);
        }
        return keys;
    }

    private async Task FinishedAsync(string jobId, CancellationToken cancellationToken)
    {
        using var call = new JobService.JobServiceClient(organizer).WatchJob(new WatchJobRequest { JobId = jobId }, cancellationToken: cancellationToken);
        await foreach (var progress in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            if (progress.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled)
                return;
        }
    }
}
