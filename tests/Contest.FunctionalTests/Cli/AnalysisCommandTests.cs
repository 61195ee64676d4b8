using Contest.Client.Cli;
using Contest.Client.Commands;
using Contest.Client.Transfers;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;

namespace Contest.FunctionalTests.Cli;

/// <summary>
/// `contest analysis ...` on the client's side: what it refuses before anything is sent (no server
/// needed: the client stops first), the request it builds, and where downloads may land.
/// </summary>
public class AnalysisCommandTests
{
    // Nothing listens there; a test that reached the network would fail with exit code 5, not 2.
    private const string NoServer = "http://127.0.0.1:9";

    [Theory]
    [InlineData(new[] { "--param", "learning_rate=0.1" }, "unknown parameter 'learning_rate'; the label-DP sweep takes: profile, epsilons")]
    [InlineData(new[] { "--epsilons", "0.5,x" }, "epsilons must be numbers or inf separated by commas; 'x' is neither")]
    [InlineData(new[] { "--epsilons", "0,1" }, "each epsilon must be in (0, 50] or inf")]
    [InlineData(new[] { "--epsilons", "1,60" }, "each epsilon must be in (0, 50] or inf")]
    [InlineData(new[] { "--epsilons", ",," }, "epsilons must list 1 to 12 values")]
    [InlineData(new[] { "--seeds", "0" }, "seeds must be a whole number from 1 to 20")]
    [InlineData(new[] { "--images-per-class", "0" }, "images_per_class must be -1 (all) or 1 or more")]
    [InlineData(new[] { "--epochs", "0" }, "epochs must be a whole number from 1 to 1000")]
    [InlineData(new[] { "--seed", "-1" }, "the seed must be 0 or more")]
    [InlineData(new[] { "--param", "architecture=vgg16" }, "unknown architecture 'vgg16'")]
    [InlineData(new[] { "--param", "mixup=yes" }, "mixup must be true or false")]
    [InlineData(new[] { "--param", "first_part_fraction=1.5" }, "the first part's fraction must be in (0, 1)")]
    [InlineData(new[] { "--param", "profile=huge" }, "profile must be quick or full")]
    [InlineData(new[] { "--quick", "--full" }, "give --quick or --full, not both")]
    [InlineData(new[] { "--full", "--param", "profile=quick" }, "--param profile=... repeats --full")]
    [InlineData(new[] { "--epochs", "3", "--param", "epochs=4" }, "--param epochs=... repeats --epochs")]
    [InlineData(new[] { "--param", "width=32", "--param", "width=64" }, "--param width is given twice")]
    [InlineData(new[] { "--param", "width" }, "--param 'width' must be name=value")]
    [InlineData(new[] { "--param", "=3" }, "--param '=3' must be name=value")]
    public async Task RunLabelDpSweep_BadSettings_ExitCodeTwoWithOneLineReason_BeforeAnyCall(string[] arguments, string reason)
    {
        var result = await RunAsync(["analysis", "run", "label-dp-sweep", .. arguments]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(reason, line);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task RunLabelDpSweep_GoodSettings_GoesToTheServer()
    {
        var result = await RunAsync(["analysis", "run", "label-dp-sweep", "--epsilons", "0.25,0.5,1,inf", "--seeds", "2", "--mixup"]);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("cannot reach the server", result.Error);
    }

    [Fact]
    public void ToRequest_OnlyWhatWasGiven_AsTheSweepsParameterNames()
    {
        var (request, settings) = new LabelDpSweepArguments
        {
            Full = true,
            Seed = 11,
            Epsilons = " 1,0.5,inf ",
            Seeds = 2,
            ImagesPerClass = 100,
            Epochs = 3,
            Mixup = true,
            Parameters = ["prior_temperature=2", "architecture = resnet_small"],
        }.ToRequest();

        Assert.Equal(AnalysisKind.LabelDpSweep, request.Kind);
        Assert.Equal(11, request.Seed);
        Assert.Empty(request.DefenseIds);
        var expected = new Dictionary<string, string>
        {
            ["profile"] = "full",
            ["epsilons"] = "1,0.5,inf",
            ["seeds"] = "2",
            ["images_per_class"] = "100",
            ["epochs"] = "3",
            ["mixup"] = "true",
            ["prior_temperature"] = "2",
            ["architecture"] = "resnet_small",
        };
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), request.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(new[] { 0.5, 1, double.PositiveInfinity }, settings.Epsilons);
        Assert.Equal(Contest.Core.Training.TrainingProfile.Full, settings.Profile);
    }

    [Fact]
    public void ToRequest_NothingGiven_NoParametersSoTheServerPicksTheQuickDefaults()
    {
        var (request, settings) = new LabelDpSweepArguments().ToRequest();

        Assert.Empty(request.Parameters);
        Assert.Equal(Contest.Core.Training.TrainingProfile.Quick, settings.Profile);
        Assert.Equal(3, settings.Seeds);
    }

    [Fact]
    public async Task List_UnknownKind_ExitCodeTwoNamingTheKinds()
    {
        var result = await RunAsync(["analysis", "list", "--kind", "sweep"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown analysis kind 'sweep'; use one of:", result.Error);
        Assert.Contains("label_dp_sweep", result.Error);
    }

    [Fact]
    public async Task Show_NoServer_ExitCodeFive()
    {
        var result = await RunAsync(["analysis", "show", "job_x"]);

        Assert.Equal(5, result.ExitCode);
    }

    [Theory]
    [InlineData("accuracy.png", "accuracy.png")]
    [InlineData("plots/accuracy.png", "plots/accuracy.png")]
    public void ArtifactPaths_PlainRelativeName_UnderTheFolder(string name, string relative)
    {
        var folder = Path.Combine(Path.GetTempPath(), "analysis-out");

        Assert.Equal(Path.Combine(folder, relative.Replace('/', Path.DirectorySeparatorChar)), ArtifactPaths.Under(folder, name));
    }

    [Theory]
    [InlineData("../escape.png")]
    [InlineData("plots/../../escape.png")]
    [InlineData("/etc/passwd")]
    [InlineData("plots//a.png")]
    [InlineData("a\\b.png")]
    [InlineData("")]
    [InlineData("a\nb.png")]
    public void ArtifactPaths_NameThatCouldEscape_RefusedWithExitCodeOne(string name)
    {
        var e = Assert.Throws<CliException>(() => ArtifactPaths.Under(Path.GetTempPath(), name));

        Assert.Equal(ExitCodes.Failed, e.ExitCode);
    }

    [Theory]
    [InlineData("job_abc123", "job_abc123")]
    [InlineData("../../job", "job")]
    [InlineData("job a/b", "job_a_b")]
    public void DefaultFolder_OnlySafeCharacters(string jobId, string expected)
    {
        Assert.Equal(expected, AnalysisDownloadCommand.DefaultFolder(jobId));
    }

    [Fact]
    public void Chosen_Unfinished_NotFoundSayingItsStatus()
    {
        var e = Assert.Throws<CliException>(() => AnalysisDownloadCommand.Chosen(new AnalysisResult { JobId = "job_a", Status = JobStatus.Running }, null));

        Assert.Equal(ExitCodes.NotFound, e.ExitCode);
        Assert.Contains("it is running; they exist once it succeeds", e.Message);
    }

    private static async Task<CliResult> RunAsync(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await ContestCli.RunAsync(["--server", NoServer, "--api-key", "k", .. args], output, error, _ => null);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
