using Contest.Contracts.V1;
using Microsoft.Extensions.Options;

namespace Contest.Server.Jobs;

/// <summary>Everything a worker needs to run a leased job: the common settings, then what its kind's handler adds.</summary>
internal sealed class JobSpecBuilder(JobQueue queue, IOptions<JobOptions> options)
{
    private readonly JobOptions _options = options.Value;

    public JobSpec Build(JobRecord job)
    {
        var spec = new JobSpec
        {
            Kind = job.Kind,
            Suite = job.Suite,
            Profile = job.Profile,
            Seed = job.Seed,
            Limit = job.Limit,
            Limits = new JobLimits { WallSeconds = _options.WallSecondsOf(job.Kind), MemoryBytes = _options.JobMemoryBytes },
        };
        // A training job resumes from its last attempt's checkpoint.
        spec.ResumeCheckpointSha256 = job.CheckpointSha256;
        queue.HandlerFor(job.Kind)?.DescribeInputs(job, spec);
        return spec;
    }

    /// <summary>The blobs this job may download (anything else is refused).</summary>
    public static IReadOnlySet<string> AllowedBlobs(JobSpec spec)
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
        if (spec.ResumeCheckpointSha256.Length > 0)
            allowed.Add(spec.ResumeCheckpointSha256);
        return allowed;
    }
}
