using System.Runtime.ExceptionServices;

namespace Contest.Core;

/// <summary>
/// Parallel.For that fails the way a plain loop would: with the first worker's exception itself
/// (an IOException, an InvalidDataException), not wrapped in an AggregateException that callers
/// would have to unpack. Cancellation still surfaces as OperationCanceledException.
/// </summary>
internal static class ParallelWork
{
    public static void For(int count, ParallelOptions options, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, options, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
