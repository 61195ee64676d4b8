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

    [Theory]
    [InlineData(new[] { "--kind", "bogus" }, "unknown kind 'bogus'; use one of: undefended, adversarial_pgd, trades")]
    [InlineData(new[] { "--kind", "label_dp" }, "cannot be trained")]
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
