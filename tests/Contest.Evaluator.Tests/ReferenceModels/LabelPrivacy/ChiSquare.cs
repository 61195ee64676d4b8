namespace Contest.Evaluator.Tests.ReferenceModels.LabelPrivacy;

/// <summary>The chi-square distribution's upper tail and its inverse, through the regularized incomplete gamma function.</summary>
internal static class ChiSquare
{
    /// <summary>P[X > x] for X chi-square with <paramref name="degreesOfFreedom"/>: Q(df / 2, x / 2).</summary>
    public static double UpperTail(double x, int degreesOfFreedom)
    {
        if (x <= 0)
            return 1.0;
        var a = degreesOfFreedom / 2.0;
        var half = x / 2.0;
        var front = Math.Exp(-half + a * Math.Log(half) - LogGammaOfHalfInteger(a));
        // The series converges fast below a + 1, the continued fraction above (Numerical Recipes' split).
        return half < a + 1 ? 1.0 - front * LowerSeries(a, half) : front * UpperContinuedFraction(a, half);
    }

    /// <summary>The x with P[X > x] = <paramref name="alpha"/> (the critical value of a test at level alpha), by bisection.</summary>
    public static double UpperQuantile(double alpha, int degreesOfFreedom)
    {
        double low = 0, high = degreesOfFreedom + 10.0;
        while (UpperTail(high, degreesOfFreedom) > alpha)
            high *= 2;
        for (var i = 0; i < 200 && high - low > 1e-12 * high; i++)
        {
            var middle = (low + high) / 2;
            if (UpperTail(middle, degreesOfFreedom) > alpha)
                low = middle;
            else
                high = middle;
        }
        return (low + high) / 2;
    }

    private static double LowerSeries(double a, double x)
    {
        double term = 1.0 / a, sum = term;
        for (var n = 1; n < 1000 && Math.Abs(term) > Math.Abs(sum) * 1e-16; n++)
        {
            term *= x / (a + n);
            sum += term;
        }
        return sum;
    }

    // Lentz's method for the continued fraction of Q(a, x).
    private static double UpperContinuedFraction(double a, double x)
    {
        const double Tiny = 1e-300;
        var b = x + 1 - a;
        var c = 1.0 / Tiny;
        var d = 1.0 / b;
        var h = d;
        for (var i = 1; i < 1000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < Tiny)
                d = Tiny;
            c = b + an / c;
            if (Math.Abs(c) < Tiny)
                c = Tiny;
            d = 1.0 / d;
            var step = d * c;
            h *= step;
            if (Math.Abs(step - 1) < 1e-16)
                break;
        }
        return h;
    }

    // df / 2 is a whole or half number, so ln Gamma follows exactly from Gamma(a + 1) = a Gamma(a), Gamma(1) = 1, Gamma(1/2) = sqrt(pi).
    private static double LogGammaOfHalfInteger(double a)
    {
        var sum = 0.0;
        for (; a > 1; a--)
            sum += Math.Log(a - 1);
        return a == 1 ? sum : sum + 0.5 * Math.Log(Math.PI);
    }
}
