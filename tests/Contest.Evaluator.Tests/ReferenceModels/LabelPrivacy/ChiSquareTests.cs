namespace Contest.Evaluator.Tests.ReferenceModels.LabelPrivacy;

public class ChiSquareTests
{
    // Critical values at alpha = 0.001 from the standard chi-square table.
    [Theory]
    [InlineData(1, 10.828)]
    [InlineData(2, 13.816)]
    [InlineData(3, 16.266)]
    [InlineData(4, 18.467)]
    [InlineData(9, 27.877)]
    [InlineData(10, 29.588)]
    [InlineData(30, 59.703)]
    public void UpperQuantile_AlphaOneInAThousand_MatchesTable(int degreesOfFreedom, double table)
    {
        Assert.Equal(table, ChiSquare.UpperQuantile(0.001, degreesOfFreedom), 3);
    }

    [Theory]
    [InlineData(1, 0.05, 3.841)]
    [InlineData(5, 0.05, 11.070)]
    [InlineData(9, 0.01, 21.666)]
    public void UpperQuantile_OtherLevels_MatchesTable(int degreesOfFreedom, double alpha, double table)
    {
        Assert.Equal(table, ChiSquare.UpperQuantile(alpha, degreesOfFreedom), 3);
    }

    [Fact]
    public void UpperTail_TwoDegreesOfFreedom_IsExponential()
    {
        // With df = 2 the chi-square is exponential with mean 2: P[X > x] = e^(-x/2).
        foreach (var x in new[] { 0.1, 1.0, 5.0, 20.0 })
            Assert.Equal(Math.Exp(-x / 2), ChiSquare.UpperTail(x, 2), 12);
    }
}
