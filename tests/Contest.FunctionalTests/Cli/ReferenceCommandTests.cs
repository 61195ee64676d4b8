using Contest.Client.Cli;
using Contest.Client.Commands;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;

namespace Contest.FunctionalTests.Cli;

/// <summary>
/// `contest reference ...` on the client's side: what it accepts and refuses before anything is sent
/// (no server needed: the client stops first), and the request it builds.
/// </summary>
public class ReferenceCommandTests
{
    // Nothing listens there; a test that reached the network would fail with exit code 5, not 2.
    private const string NoServer = "http://127.0.0.1:9";

    [Theory]
    [InlineData("16/255", 16.0 / 255)]
    [InlineData("0.0627", 0.0627)]
    [InlineData(" 8 / 255 ", 8.0 / 255)]
    [InlineData("1", 1.0)]
    public void ParseFraction_OverTwoFiftyFiveOrDecimal_IsTheFraction(string text, double expected)
    {
        Assert.Equal(expected, TrainArguments.ParseFraction("--epsilon", text), 12);
    }

    [Theory]
    [InlineData("16", "did you mean 16/255")]
    [InlineData("16/0", "not a number")]
    [InlineData("sixteen", "not a number")]
    [InlineData("0,0627", "not a number")]
    [InlineData("-4/255", "more than 0")]
    [InlineData("NaN", "not a number")]
    [InlineData("1/2/3", "not a number")]
    public void ParseFraction_Bad_RefusedWithTheReason(string text, string reason)
    {
        var e = Assert.Throws<CliException>(() => TrainArguments.ParseFraction("--epsilon", text));
        Assert.Contains(reason, e.Message);
        Assert.Equal(ExitCodes.Usage, e.ExitCode);
    }

    [Fact]
    public void ToRequest_AdversarialWithOverrides_CarriesEveryValue()
    {
        var request = new TrainArguments
        {
            Kind = "adversarial-pgd",
            Profile = "full",
            Seed = 7,
            Name = " robust-1 ",
            Epochs = 3,
            BatchSize = 16,
            LearningRate = "0.02",
            Architecture = "resnet_small",
            Width = 32,
            ExtrasPerClass = -1,
            Epsilon = "16/255",
            Steps = 5,
            StepSize = "4/255",
            EpsilonWarmupEpochs = 0,
        }.ToRequest();

        Assert.Equal(ReferenceKind.AdversarialPgd, request.Kind);
        Assert.Equal(TrainingProfile.Full, request.Profile);
        Assert.Equal(7, request.Seed);
        Assert.Equal("robust-1", request.Name);
        Assert.Equal(3, request.Training.Epochs);
        Assert.Equal(16, request.Training.BatchSize);
        Assert.Equal(0.02, request.Training.LearningRate, 12);
        Assert.Equal("resnet_small", request.Training.Architecture);
        Assert.Equal(32, request.Training.Width);
        Assert.True(request.Training.HasExtrasPerClass);
        Assert.Equal(-1, request.Training.ExtrasPerClass);
        Assert.Equal(16.0 / 255, request.Adversarial.Epsilon, 12);
        Assert.Equal(5, request.Adversarial.Steps);
        Assert.Equal(4.0 / 255, request.Adversarial.StepSize, 12);
        Assert.True(request.Adversarial.HasEpsilonWarmupEpochs);
        Assert.Equal(0, request.Adversarial.EpsilonWarmupEpochs);
    }

    [Fact]
    public void ToRequest_DefaultsOnly_SendsZerosThatKeepTheProfileDefaults()
    {
        var request = new TrainArguments { Kind = "undefended" }.ToRequest();

        Assert.Equal(ReferenceKind.Undefended, request.Kind);
        Assert.Equal(TrainingProfile.Quick, request.Profile);
        Assert.Equal("", request.Name);
        Assert.Equal(0, request.Training.Epochs);
        Assert.False(request.Training.HasExtrasPerClass);
        Assert.Null(request.Adversarial);
    }

    [Fact]
    public void ToRequest_LabelDpWithOverrides_CarriesEveryValue()
    {
        var request = new TrainArguments
        {
            Kind = "label-dp",
            Epsilon = "0.5",
            Stages = 3,
            Mechanism = "rr-with-prior",
            Mixup = true,
            PriorTemperature = "2",
            FirstPart = "0.4",
            Epochs = 4,
        }.ToRequest();

        Assert.Equal(ReferenceKind.LabelDp, request.Kind);
        Assert.Null(request.Adversarial);
        Assert.Equal(0.5, request.LabelDp.Epsilon, 12);
        Assert.Equal(3, request.LabelDp.Stages);
        Assert.Equal(LabelDpMechanism.RrWithPrior, request.LabelDp.Mechanism);
        Assert.True(request.LabelDp.Mixup);
        Assert.Equal(2.0, request.LabelDp.PriorTemperature, 12);
        Assert.Equal(0.4, request.LabelDp.FirstPartFraction, 12);
        Assert.Equal(4, request.Training.Epochs);
    }

    [Fact]
    public void ToRequest_LabelDpDefaults_LeaveEpsilonStagesAndMechanismToThePlan()
    {
        var request = new TrainArguments { Kind = "label_dp" }.ToRequest();

        var plan = Contest.Contracts.TrainingRequests.ToPlan(request);
        Assert.Equal(0, request.LabelDp.Epsilon);
        Assert.Equal(LabelDpMechanism.Unspecified, request.LabelDp.Mechanism);
        Assert.Equal(1, plan.LabelEpsilon);
        Assert.Equal(2, plan.Stages);
        Assert.Equal(Contest.Core.Training.LabelMechanism.RrWithPrior, plan.Mechanism);
    }

    [Fact]
    public void ToRequest_LabelDpOneStage_PlainRrByDefault()
    {
        var plan = Contest.Contracts.TrainingRequests.ToPlan(new TrainArguments { Kind = "label_dp", Stages = 1, Epsilon = "2" }.ToRequest());

        Assert.Equal(Contest.Core.Training.LabelMechanism.RandomizedResponse, plan.Mechanism);
        Assert.Equal(2, plan.LabelEpsilon);
    }

    [Theory]
    [InlineData("1", 1.0)]
    [InlineData("0.5", 0.5)]
    [InlineData(" 50 ", 50.0)]
    [InlineData("1e-1", 0.1)]
    public void ParseLabelEpsilon_PlainNumber_IsThatNumber(string text, double expected)
    {
        Assert.Equal(expected, TrainArguments.ParseLabelEpsilon(text), 12);
    }

    [Theory]
    [InlineData(new[] { "--kind", "bogus" }, "unknown kind 'bogus'; use one of: undefended, adversarial_pgd, trades, label_dp")]
    [InlineData(new[] { "--kind", "trades", "--profile", "huge" }, "unknown profile 'huge'")]
    [InlineData(new[] { "--kind", "undefended", "--epsilon", "16/255" }, "kind undefended has none")]
    [InlineData(new[] { "--kind", "adversarial_pgd", "--beta", "6" }, "applies to kind trades only")]
    [InlineData(new[] { "--kind", "trades", "--epochs", "0" }, "--epochs must be at least 1")]
    [InlineData(new[] { "--kind", "trades", "--extras-per-class", "-2" }, "--extras-per-class must be -1")]
    [InlineData(new[] { "--kind", "trades", "--profile", "full", "--width", "32" }, "--width applies to resnet_small only")]
    [InlineData(new[] { "--kind", "trades", "--architecture", "vgg16" }, "unknown architecture 'vgg16'")]
    [InlineData(new[] { "--kind", "trades", "--epochs", "4", "--epsilon-warmup-epochs", "5" }, "more than the run's 4 epochs")]
    [InlineData(new[] { "--kind", "trades", "--batch-size", "1" }, "batch size must be 2-1024")]
    [InlineData(new[] { "--kind", "trades", "--learning-rate", "fast" }, "--learning-rate 'fast' is not a number")]
    [InlineData(new[] { "--kind", "trades", "--name", " " }, "--name must not be empty")]
    [InlineData(new[] { "--kind", "trades", "--seed", "-1" }, "--seed must be 0 or more")]
    [InlineData(new[] { "--kind", "label_dp", "--epsilon", "16/255" }, "for label_dp it is the label-privacy epsilon, a plain number")]
    [InlineData(new[] { "--kind", "label_dp", "--epsilon", "51" }, "--epsilon 51 is more than 50")]
    [InlineData(new[] { "--kind", "label_dp", "--epsilon", "0" }, "--epsilon must be more than 0")]
    [InlineData(new[] { "--kind", "label_dp", "--epsilon", "one" }, "--epsilon 'one' is not a number")]
    [InlineData(new[] { "--kind", "label_dp", "--steps", "3" }, "--steps sets the training attack; kind label_dp has none")]
    [InlineData(new[] { "--kind", "label_dp", "--step-size", "4/255", "--beta", "6", "--epsilon-warmup-epochs", "1" }, "--step-size, --beta and --epsilon-warmup-epochs set the training attack")]
    [InlineData(new[] { "--kind", "trades", "--mixup" }, "--mixup is a label-DP setting, for kind label_dp only (not trades)")]
    [InlineData(new[] { "--kind", "undefended", "--stages", "2", "--first-part", "0.5" }, "--stages and --first-part are label-DP settings, for kind label_dp only (not undefended)")]
    [InlineData(new[] { "--kind", "adversarial_pgd", "--mechanism", "rr", "--prior-temperature", "2" }, "for kind label_dp only (not adversarial_pgd)")]
    [InlineData(new[] { "--kind", "label_dp", "--stages", "0" }, "--stages must be at least 1")]
    [InlineData(new[] { "--kind", "label_dp", "--stages", "11" }, "stages must be 1-10")]
    [InlineData(new[] { "--kind", "label_dp", "--mechanism", "laplace" }, "unknown mechanism 'laplace'; use rr")]
    [InlineData(new[] { "--kind", "label_dp", "--stages", "1", "--mechanism", "rr_with_prior" }, "RR-with-prior needs two stages or more")]
    [InlineData(new[] { "--kind", "label_dp", "--stages", "1", "--prior-temperature", "2" }, "--prior-temperature shapes the prior of RR-with-prior")]
    [InlineData(new[] { "--kind", "label_dp", "--mechanism", "rr", "--prior-temperature", "2" }, "this run uses plain RR")]
    [InlineData(new[] { "--kind", "label_dp", "--prior-temperature", "-1" }, "--prior-temperature must be more than 0")]
    [InlineData(new[] { "--kind", "label_dp", "--prior-temperature", "101" }, "prior temperature must be in (0, 100]")]
    [InlineData(new[] { "--kind", "label_dp", "--first-part", "1" }, "--first-part must be less than 1")]
    [InlineData(new[] { "--kind", "label_dp", "--first-part", "0" }, "--first-part must be more than 0")]
    [InlineData(new[] { "--kind", "label_dp", "--stages", "1", "--first-part", "0.3" }, "with two stages or more")]
    public async Task Train_BadArguments_ExitCodeTwoWithOneLineReason_BeforeAnyCall(string[] arguments, string reason)
    {
        var result = await RunAsync(["reference", "train", .. arguments]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(reason, line);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task Train_WithoutKind_ExitCodeTwo()
    {
        var result = await RunAsync(["reference", "train", "--seed", "1"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--kind", result.Error);
    }

    [Fact]
    public async Task Download_UnknownFile_ExitCodeTwoNamingTheChoices()
    {
        var result = await RunAsync(["reference", "download", "ref_x", "--file", "weights.pt"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown file 'weights.pt'; use model, safetensors, curve", result.Error);
    }

    [Fact]
    public async Task List_NoServer_ExitCodeFive()
    {
        var result = await RunAsync(["reference", "list"]);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("cannot reach the server", result.Error);
    }

    [Theory]
    [InlineData("baseline-undefended", "model", "baseline-undefended.model")]
    [InlineData("../../etc/passwd", "safetensors", "etc_passwd.safetensors")]
    [InlineData("robust 1", "curve", "robust_1-curve.png")]
    [InlineData("///", "model", "ref_abc.model")]
    public void DefaultFileName_OnlySafeCharacters(string name, string file, string expected)
    {
        Assert.Equal(expected, ReferenceCommands.DefaultFileName(new ReferenceModel { Id = "ref_abc", Name = name }, file));
    }

    private static async Task<CliResult> RunAsync(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await ContestCli.RunAsync(["--server", NoServer, "--api-key", "k", .. args], output, error, _ => null);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
