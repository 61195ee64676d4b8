namespace Contest.Server.Infrastructure.Storage;

/// <summary>The blob collector (bound from the "Contest" section).</summary>
internal sealed class BlobCollectorOptions
{
    /// <summary>Minutes between two collections; 0 turns the collector off.</summary>
    public int BlobCollectionIntervalMinutes { get; init; } = 60;

    /// <summary>A blob no record names is deleted only once its file is this old (an upload in progress stores its blob before its record).</summary>
    public int BlobGraceMinutes { get; init; } = 60;
}
