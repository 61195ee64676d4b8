using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Core.Training;

namespace Contest.Evaluator.Tests.Training;

public class TrainingRequestsTests
{
    [Fact]
    public void ToPlan_QuickAdversarial_UsesTheContestRadiusAndMadrysStepRule()
    {
        var plan = TrainingRequests.ToPlan(new TrainReferenceModelRequest { Kind = ReferenceKind.AdversarialPgd, Seed = 5 });

        Assert.Equal(RecipeKind.AdversarialPgd, plan.Recipe);
        Assert.Equal(Core.Training.TrainingProfile.Quick, plan.Profile);
        Assert.Equal(ArchitectureNames.ResNetSmallName, plan.Architecture);
        Assert.Equal(16.0 / 255, plan.Epsilon, 9);
        Assert.Equal(2.5 * plan.Epsilon / plan.AttackSteps, plan.AttackStepSize, 9);
        Assert.Equal(5, plan.Seed);
    }

    [Fact]
    public void ToPlan_FullProfile_TrainsResNet18OnAllOfExtras()
    {
        var plan = TrainingRequests.ToPlan(new TrainReferenceModelRequest { Kind = ReferenceKind.Trades, Profile = Contracts.V1.TrainingProfile.Full });

        Assert.Equal(ArchitectureNames.ResNet18Name, plan.Architecture);
        Assert.Equal(-1, plan.ExtrasPerClass);
        Assert.Equal(6.0, plan.TradesBeta);
    }

    [Fact]
    public void ToPlan_Overrides_ReplaceOnlyWhatTheyName()
    {
        var request = new TrainReferenceModelRequest
        {
            Kind = ReferenceKind.AdversarialPgd,
            Training = new TrainingOptions { Epochs = 3, ExtrasPerClass = 0 },
            Adversarial = new AdversarialOptions { Steps = 7, EpsilonWarmupEpochs = 0 },
        };

        var plan = TrainingRequests.ToPlan(request);
        var defaults = TrainingPlan.For(RecipeKind.AdversarialPgd, Core.Training.TrainingProfile.Quick, 0);

        Assert.Equal(3, plan.Epochs);
        Assert.Equal(0, plan.ExtrasPerClass);
        Assert.Equal(7, plan.AttackSteps);
        Assert.Equal(2.5 * plan.Epsilon / 7, plan.AttackStepSize, 9);
        Assert.Equal(0, plan.EpsilonWarmupEpochs);
        Assert.Equal(defaults.BatchSize, plan.BatchSize);
        Assert.Equal(defaults.LearningRate, plan.LearningRate);
    }

    [Fact]
    public void ToPlan_WithoutAKind_SaysWhichKindsExist()
    {
        var error = Assert.Throws<ArgumentException>(() => TrainingRequests.ToPlan(new TrainReferenceModelRequest()));

        Assert.Contains("name a kind", error.Message);
        Assert.Contains("label_dp", error.Message);
    }

    [Fact]
    public void ToPlan_LabelDp_DefaultsToLp2stWithAPriorAtEpsilonOne_AndTakesTheOptions()
    {
        var defaults = TrainingRequests.ToPlan(new TrainReferenceModelRequest { Kind = ReferenceKind.LabelDp });
        var one = TrainingRequests.ToPlan(new TrainReferenceModelRequest
        {
            Kind = ReferenceKind.LabelDp,
            LabelDp = new LabelDpOptions { Epsilon = 0.5, Stages = 1, Mixup = true },
        });
        var chosen = TrainingRequests.ToPlan(new TrainReferenceModelRequest
        {
            Kind = ReferenceKind.LabelDp,
            LabelDp = new LabelDpOptions { Epsilon = 4, Stages = 3, Mechanism = LabelDpMechanism.Rr, PriorTemperature = 0.5, FirstPartFraction = 0.2 },
        });

        Assert.Equal((RecipeKind.LabelDp, 1.0, 2, LabelMechanism.RrWithPrior), (defaults.Recipe, defaults.LabelEpsilon, defaults.Stages, defaults.Mechanism));
        Assert.Equal((0.5, 1, LabelMechanism.RandomizedResponse, true), (one.LabelEpsilon, one.Stages, one.Mechanism, one.Mixup));
        Assert.Equal((4.0, 3, LabelMechanism.RandomizedResponse, 0.5, 0.2),
            (chosen.LabelEpsilon, chosen.Stages, chosen.Mechanism, chosen.PriorTemperature, chosen.FirstPartFraction));
    }

    [Theory]
    [InlineData(ReferenceKind.LabelDp, "adversarial settings apply")]
    [InlineData(ReferenceKind.Undefended, "adversarial settings apply")]
    public void ToPlan_AdversarialSettingsForACleanRecipe_AreRefused(ReferenceKind kind, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => TrainingRequests.ToPlan(new TrainReferenceModelRequest
        {
            Kind = kind,
            Adversarial = new AdversarialOptions { Steps = 3 },
        }));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData(1, LabelDpMechanism.RrWithPrior, 0, "needs two stages")]
    [InlineData(2, LabelDpMechanism.Unspecified, 1.5, "first part's fraction")]
    [InlineData(11, LabelDpMechanism.Unspecified, 0, "stages must be 1-10")]
    public void ToPlan_LabelDpSettingsThatCannotRun_AreRefused(int stages, LabelDpMechanism mechanism, double firstPart, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => TrainingRequests.ToPlan(new TrainReferenceModelRequest
        {
            Kind = ReferenceKind.LabelDp,
            LabelDp = new LabelDpOptions { Stages = stages, Mechanism = mechanism, FirstPartFraction = firstPart },
        }));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("architecture", "unknown architecture")]
    [InlineData("epsilon", "epsilon must be")]
    [InlineData("batch", "batch size must be")]
    [InlineData("extras", "extras per class")]
    public void ToPlan_ImpossibleSettings_AreRefusedByName(string setting, string expected)
    {
        var request = new TrainReferenceModelRequest { Kind = ReferenceKind.AdversarialPgd, Training = new TrainingOptions(), Adversarial = new AdversarialOptions() };
        switch (setting)
        {
            case "architecture": request.Training.Architecture = "resnet9000"; break;
            case "epsilon": request.Adversarial.Epsilon = 3; break;
            case "batch": request.Training.BatchSize = 5000; break;
            case "extras": request.Training.ExtrasPerClass = -7; break;
        }

        var error = Assert.Throws<ArgumentException>(() => TrainingRequests.ToPlan(request));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void EpsilonAt_IsZeroInTheCleanEpochs_ThenRampsLinearlyOverTheWarmUp_ThenHolds()
    {
        var plan = TrainingPlan.For(RecipeKind.AdversarialPgd, Core.Training.TrainingProfile.Quick, 0) with { CleanEpochs = 2, EpsilonWarmupEpochs = 4 };

        Assert.Equal(0, plan.EpsilonAt(0));
        Assert.Equal(0, plan.EpsilonAt(2));
        Assert.Equal(plan.Epsilon / 2, plan.EpsilonAt(4), 9);
        Assert.Equal(plan.Epsilon, plan.EpsilonAt(6), 9);
        Assert.Equal(plan.Epsilon, plan.EpsilonAt(9), 9);
    }
}
