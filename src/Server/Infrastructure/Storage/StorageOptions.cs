namespace Contest.Server.Infrastructure.Storage;

/// <summary>Where the server keeps its records, files and keys (bound from the "Contest" section).</summary>
internal sealed class StorageOptions
{
    /// <summary>The configuration section every server option binds to.</summary>
    public const string SectionName = "Contest";

    /// <summary>Where records, files and the organizer key live.</summary>
    public string DataDirectory { get; init; } = "./contest-data";

    /// <summary>The resolved, absolute data directory.</summary>
    public string DataDirectoryFullPath => Path.GetFullPath(DataDirectory);
}
