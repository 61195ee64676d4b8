namespace Contest.Contracts.Transport;

/// <summary>Sizes every streamed transfer of the API keeps to, on both ends.</summary>
public static class TransferLimits
{
    /// <summary>The largest chunk of a streamed file (uploads and downloads): 1 MiB.</summary>
    public const int ChunkBytes = 1 << 20;
}
