namespace Contest.Server.Jobs;

/// <summary>Why an artifact was not attached, in words a worker's operator can act on.</summary>
internal sealed record ArtifactRefusal(string Message, bool LeaseLapsed = false)
{
    public static ArtifactRefusal Lapsed { get; } = new("this lease lapsed while the artifact was uploading.", LeaseLapsed: true);
}

/// <summary>A job's artifacts are capped in number and in total bytes, so no job can fill the disk.</summary>
internal static class ArtifactCaps
{
    /// <summary>Why one more artifact of <paramref name="sizeBytes"/> beside <paramref name="kept"/> is refused, or null.</summary>
    public static ArtifactRefusal? Refusal(IReadOnlyCollection<ArtifactState> kept, long sizeBytes, JobOptions options)
    {
        if (kept.Count >= options.MaxArtifactsPerJob)
            return new($"this job already has {kept.Count} artifacts, the most a job may have ({options.MaxArtifactsPerJob}).");
        var total = kept.Sum(a => a.SizeBytes);
        if (total + sizeBytes > options.MaxArtifactBytesPerJob)
            return new($"this artifact of {sizeBytes} bytes would bring the job's artifacts to {total + sizeBytes} bytes, " +
                $"over the {options.MaxArtifactBytesPerJob} bytes a job's artifacts may add up to ({total} bytes are attached).");
        return null;
    }

    /// <summary>The most bytes the next artifact may have, beside <paramref name="kept"/>.</summary>
    public static long RoomFor(IReadOnlyCollection<ArtifactState> kept, JobOptions options) =>
        Math.Max(0, Math.Min(options.MaxArtifactBytes, options.MaxArtifactBytesPerJob - kept.Sum(a => a.SizeBytes)));
}
