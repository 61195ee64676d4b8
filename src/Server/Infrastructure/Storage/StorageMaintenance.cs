namespace Contest.Server.Infrastructure.Storage;

/// <summary>
/// Keeps the blob collector and a backup apart: a backup copies the blobs its records name after the
/// records are copied, so no blob may be collected in between.
/// </summary>
internal sealed class StorageMaintenance
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Exit(_gate);
    }

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
                gate.Release();
        }
    }
}
