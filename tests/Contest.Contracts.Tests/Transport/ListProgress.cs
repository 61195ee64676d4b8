namespace Contest.Contracts.Tests.Transport;

/// <summary>Records progress reports on the calling thread, in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
internal sealed class ListProgress(List<long> reports) : IProgress<long>
{
    public void Report(long value) => reports.Add(value);
}
