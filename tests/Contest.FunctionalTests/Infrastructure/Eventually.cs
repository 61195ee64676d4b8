namespace Contest.FunctionalTests.Infrastructure;

/// <summary>Polls until a condition holds (for work done by worker processes), failing with what was last seen.</summary>
internal static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        while (true)
        {
            last = await probe();
            if (done(last))
                return last;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:F0} s; last seen: {last}");
            await Task.Delay(250);
        }
    }
}
