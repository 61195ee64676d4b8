using Contest.Contracts.V1;
using Contest.Core;
using Contest.Server.Hosting;
using Contest.Server.Storage;
using Contest.Server.Storage.Records;
using Microsoft.Extensions.Options;

namespace Contest.Server.Jobs;

/// <summary>Everything a worker needs to run a leased job, gathered from the records.</summary>
internal sealed class JobSpecBuilder(ContestDatabase db, IPriorAttackSource priorAttacks, IOptions<ContestServerOptions> options)
{
    private readonly ContestServerOptions _options = options.Value;

    public JobSpec Build(JobRecord job)
    {
        var spec = new JobSpec
        {
            Kind = job.Kind,
            Suite = job.Suite,
            Profile = job.Profile,
            Seed = job.Seed,
            Limit = job.Limit,
            MinImagesPerSecond = _options.MinThroughput,
            Limits = new JobLimits { WallSeconds = WallSeconds(job.Kind), MemoryBytes = _options.JobMemoryBytes },
        };
        if (db.Defenses.FindById(job.DefenseId) is { } defense)
            spec.Defense = DefenseSpecOf(defense);
        if (job.Kind == JobKind.Eligibility)
        {
            spec.PriorAttacks.AddRange(priorAttacks.Valid().Select(p => new Contracts.V1.PriorAttack
            {
                AttackId = p.AttackId,
                ImageSha256 = p.ImageSha256,
                Label = p.Label == ClassLabel.Bird ? Label.Bird : Label.Bicycle,
            }));
        }
        if (job.Kind == JobKind.Verdict && db.Attacks.FindById(job.AttackId) is { } attack)
            spec.Verdict = new VerdictSpec { AttackId = attack.Id, ImageSha256 = attack.ImageSha256, ClaimedLabel = attack.ClaimedLabel };
        return spec;
    }

    /// <summary>The blobs this job may download (anything else is refused).</summary>
    public IReadOnlySet<string> AllowedBlobs(JobSpec spec)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        if (spec.Defense is { Sha256.Length: > 0 })
            allowed.Add(spec.Defense.Sha256);
        foreach (var other in spec.OtherDefenses)
            allowed.Add(other.Sha256);
        if (spec.Verdict is { ImageSha256.Length: > 0 })
            allowed.Add(spec.Verdict.ImageSha256);
        foreach (var prior in spec.PriorAttacks)
            allowed.Add(prior.ImageSha256);
        return allowed;
    }

    public static DefenseSpec DefenseSpecOf(DefenseRecord defense)
    {
        var spec = new DefenseSpec
        {
            Id = defense.Id,
            Sha256 = defense.Sha256,
            Format = defense.Format,
            SizeBytes = defense.SizeBytes,
            Threshold = defense.Eligibility.Threshold,
            BatchSize = defense.Validation.BestBatchSize,
            BatchSizeDevice = defense.Validation.Device,
        };
        if (defense.DeclaredThreshold is { } declared)
            spec.DeclaredThreshold = declared;
        return spec;
    }

    private int WallSeconds(JobKind kind) => kind switch
    {
        JobKind.Validate => _options.ValidationSeconds,
        JobKind.Eligibility => _options.EligibilitySeconds,
        JobKind.Verdict => _options.VerdictSeconds,
        _ => _options.EvaluationSeconds,
    };
}
