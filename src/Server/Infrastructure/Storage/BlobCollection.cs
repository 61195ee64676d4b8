namespace Contest.Server.Infrastructure.Storage;

/// <summary>What one run of the blob collector did.</summary>
internal sealed record BlobCollection(int Named, int Young, int Deleted);
