using Contest.Client.Output;
using Contest.Contracts.V1;
using static Contest.FunctionalTests.Cli.RenderedText;

namespace Contest.FunctionalTests.Cli;

/// <summary>How the client shows label-DP reference models (metrics by name, the list, the details), from protos built here.</summary>
public class LabelDpReferenceRenderingTests
{
    [Theory]
    [InlineData("train_label_flip_rate", 0.269, "26.9%")]
    [InlineData("train_labels_decided_by_prior", 0.05, "5.0%")]
    [InlineData("label_epsilon", 1, "1")]
    [InlineData("label_epsilon", 0.5, "0.5")]
    [InlineData("prior_temperature", 1, "1")]
    [InlineData("stages", 1, "1")]
    [InlineData("runs", 39, "39")]
    [InlineData("train_accuracy", 1, "100.0%")]
    [InlineData("train_loss", 0.41, "0.410")]
    public void Metric_ByName_FractionsAsPercentagesBudgetsAndCountsAsNumbers(string name, double value, string expected)
    {
        Assert.Equal(expected, ReferenceTables.Metric(name, value));
    }

    [Fact]
    public void List_LabelDp_ShowsItsEpsilonAndFlipRateAmongTheKeyMetrics()
    {
        var text = Of(console => ReferenceTables.WriteList(console, [LabelDpModel()]));

        var row = Line(text, "ref_ldp00001");
        Assert.Contains("label_dp (eps 0.5)", row);
        Assert.Contains("eval_clean 93.0%, train_accuracy 71.2%, train_label_flip_rate 37.8%, train_labels_decided_by_prior 4.0%", row);
    }

    [Fact]
    public void Details_LabelDp_ParametersShown_NoAttackRadiusColumn()
    {
        var text = Of(console => ReferenceTables.WriteDetails(console, LabelDpModel()));

        Assert.Contains("0.5", Line(text, "label_epsilon"));
        Assert.Contains("rr_with_prior", Line(text, "label_mechanism"));
        Assert.Contains("37.8%", Line(text, "train_label_flip_rate "));
        var header = Line(text, "Epoch");
        Assert.DoesNotContain("Epsilon", header);
        Assert.Contains("Images/s", header);
    }

    private static ReferenceModel LabelDpModel()
    {
        var model = new ReferenceModel
        {
            Id = "ref_ldp00001",
            Name = "label_dp-eps0.5",
            Kind = ReferenceKind.LabelDp,
            Profile = TrainingProfile.Quick,
            Status = ReferenceStatus.Ready,
        };
        model.Parameters.Add("label_epsilon", "0.5");
        model.Parameters.Add("label_mechanism", "rr_with_prior");
        model.Parameters.Add("stages", "2");
        model.Curve.Add(new TrainingEpoch { Epoch = 1, Loss = 0.69, Accuracy = 0.6, LearningRate = 0.05, ImagesPerSecond = 120 });
        model.Metrics.Add("eval_clean", 0.93);
        model.Metrics.Add("eval_pgd_linf", 0.01);
        model.Metrics.Add("train_accuracy", 0.712);
        model.Metrics.Add("train_label_flip_rate", 0.378);
        model.Metrics.Add("train_labels_decided_by_prior", 0.04);
        return model;
    }
}
