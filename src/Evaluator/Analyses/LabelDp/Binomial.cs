namespace Contest.Evaluator.Analyses.LabelDp;

/// <summary>Exact quantiles of the binomial distribution, summed in log space so thousands of trials do not underflow.</summary>
internal static class Binomial
{
    /// <summary>
    /// The counts (low, high) such that Binomial(n, p) falls below low with probability at most
    /// (1 - level) / 2 and above high with probability at most (1 - level) / 2.
    /// </summary>
    public static (int Low, int High) CentralInterval(int n, double p, double level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (p <= 0)
            return (0, 0);
        if (p >= 1)
            return (n, n);
        var tail = (1 - level) / 2;
        var logRatio = Math.Log(p / (1 - p));
        var logPmf = n * Math.Log(1 - p);
        var cumulative = 0.0;
        var low = -1;
        var high = n;
        for (var k = 0; k <= n; k++)
        {
            cumulative += Math.Exp(logPmf);
            if (low < 0 && cumulative > tail)
                low = k;
            if (cumulative >= 1 - tail)
            {
                high = k;
                break;
            }
            logPmf += Math.Log((double)(n - k) / (k + 1)) + logRatio;
        }
        return (Math.Max(low, 0), high);
    }
}
