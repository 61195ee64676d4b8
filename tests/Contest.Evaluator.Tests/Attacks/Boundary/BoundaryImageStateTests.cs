using Contest.Evaluator.Attacks.Boundary;

namespace Contest.Evaluator.Tests.Attacks.Boundary;

public class BoundaryImageStateTests
{
    [Fact]
    public void RecentOutcomes_KeepOnlyTheNewest()
    {
        var outcomes = new RecentOutcomes(3);
        outcomes.Add(true);
        outcomes.Add(true);
        outcomes.Add(false);
        outcomes.Add(false);

        Assert.True(outcomes.IsFull);
        Assert.Equal(1 / 3.0, outcomes.SuccessRate, 12);
    }

    [Fact]
    public void AdaptSteps_FrequentSphericalSuccess_GrowsBothSteps()
    {
        var state = new BoundaryImageState(BoundaryOptions.Standard);
        for (var i = 0; i < BoundaryOptions.SphericalHistory; i++)
            state.RecordSpherical(true);

        state.AdaptSteps();

        Assert.Equal(0.015, state.SphericalStep, 12);
        Assert.Equal(0.015, state.SourceStep, 12);
    }

    [Fact]
    public void AdaptSteps_RareStepSuccess_ShrinksOnlyTheSourceStep()
    {
        var state = new BoundaryImageState(BoundaryOptions.Standard);
        for (var i = 0; i < BoundaryOptions.StepHistory; i++)
            state.RecordStep(i % 10 == 0);

        state.AdaptSteps();

        Assert.Equal(0.01, state.SphericalStep, 12);
        Assert.Equal(0.01 / 1.5, state.SourceStep, 12);
    }

    [Fact]
    public void BeginStep_AfterConvergence_ResetsStepsThenFinishesAfterAHundredConfirmations()
    {
        var state = new BoundaryImageState(BoundaryOptions.Standard);
        Shrink(state);

        state.BeginStep();

        Assert.True(state.Resetted);
        Assert.True(state.ChecksSpherical(step: 3));
        Assert.Equal(0.01, state.SourceStep, 12);
        Shrink(state);
        for (var i = 0; i < BoundaryOptions.ConvergenceConfirmation - 1; i++)
            state.BeginStep();
        Assert.False(state.Finished);
        state.BeginStep();
        Assert.True(state.Finished);
    }

    // Rare step successes divide the source step by 1.5 each window until it is below 1e-7.
    private static void Shrink(BoundaryImageState state)
    {
        while (state.SourceStep >= 1e-7)
        {
            for (var i = 0; i < BoundaryOptions.StepHistory; i++)
                state.RecordStep(false);
            state.AdaptSteps();
        }
    }
}
