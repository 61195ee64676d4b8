namespace Contest.Server.Hosting;

/// <summary>Counts the calls in progress, so that a stopping server can say what it waits for.</summary>
internal sealed class OpenCalls
{
    private int _count;

    /// <summary>Calls in progress now (streams and long polls included).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The middleware: counts the call while the rest of the pipeline runs it.</summary>
    public async Task TrackAsync(HttpContext context, RequestDelegate next)
    {
        Interlocked.Increment(ref _count);
        try
        {
            await next(context);
        }
        finally
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
