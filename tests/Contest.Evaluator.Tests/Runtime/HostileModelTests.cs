using System.Runtime.InteropServices;
using Contest.Contracts.V1;
using Contest.Evaluator.Data;
using Contest.Evaluator.Jobs;
using Contest.Evaluator.Runtime;
using Contest.Evaluator.Validation;
using Contest.Evaluator.Worker;
using Contest.Evaluator.Worker.Sandbox;
using Contest.Tests.Shared;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Runtime;

/// <summary>
/// The hostile archives really load and really do harm in libtorch (in this process, except the
/// one that aborts it): what the job sandbox and the static refusals defend against is not
/// hypothetical. TorchSharp surfaces a TorchScript exception as an ExternalException whose message
/// is libtorch's traceback, ending in "builtins.RuntimeError: " and the message.
/// </summary>
public sealed class HostileModelTests : IDisposable
{
    private readonly TempDirectory _temp = new("hostile");

    public HostileModelTests() => TorchNativeLoader.EnsureLoaded();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ReadsFileAndRaises_OnASecretFile_RaisesWithTheSecret()
    {
        var secret = _temp.Combine("secret.txt");
        File.WriteAllText(secret, "secret-123");
        using var model = Load(HostileModels.ReadsFileAndRaises(_temp.Path, secret));

        var error = Assert.Throws<ModelRaisedException>(() => Forward(model));

        Assert.EndsWith("builtins.RuntimeError: secret-123\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WritesFile_Forward_CreatesTheFileAndReturnsLogits()
    {
        var written = _temp.Combine("written.bin");
        using var model = Load(HostileModels.WritesFile(_temp.Path, written));

        Assert.Equal([1, 2], Forward(model));

        Assert.Equal(Enumerable.Repeat((byte)'A', 16), File.ReadAllBytes(written));
    }

    [Fact]
    public void Allocates_OneGibibyte_ReturnsLogits()
    {
        using var model = Load(HostileModels.Allocates(_temp.Path, 1));

        Assert.Equal([1, 2], Forward(model));
    }

    [Fact]
    public void Raises_MessageWithControlCharacters_SurfacesTheMessage()
    {
        const string message = "\u001b[31mred alert\u001b[0m\r\nline two\u0007";
        using var model = Load(HostileModels.Raises(_temp.Path, message));

        var error = Assert.Throws<ModelRaisedException>(() => Forward(model));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Spins_Load_Compiles()
    {
        // Never run: forward does not return. Loading proves the endless loop compiles.
        using var model = Load(HostileModels.Spins(_temp.Path));

        Assert.Equal("spins.pt", model.Name);
    }

    [Fact]
    public async Task CallsUnknownOperator_LoadInAJobProcess_AbortsThatProcessNamingTheOperator()
    {
        // libtorch answers this compile error with std::terminate, not an exception: in this
        // process it would end the test run, so it runs as the worker runs every job.
        // Unconfined (this test is about libtorch, not the sandbox); its output goes to out/'s log.
        var job = new JobDirectory(_temp.Combine("job"));
        var handoff = job.Prepare(
            new JobSpec { Kind = JobKind.Validate, Defense = new DefenseSpec { Id = "evil", Format = ModelFormat.Torchscript } },
            new JobInputs("cpu", HostileModels.CallsUnknownOperator(_temp.Path), [], null, []));
        var containment = JobContainment.Create(unsafeNoSandbox: true, device: "cpu").Containment!;
        var launch = new JobLaunch(job.Path, ProcessLimits.For(TimeSpan.FromMinutes(1), 2L << 30), containment);
        using var process = JobProcess.Start(launch, handoff, _ => { });

        await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(134, process.ExitCode);
        Assert.Contains("Unknown builtin op: evil::spawn", job.ReadProcessOutputTail(), StringComparison.Ordinal);
        Assert.Equal(JobOutput.Nothing, job.ReadOutput());
    }

    [Fact]
    public void ReadsFileAndRaises_Validated_OnlyTheModelMessageForTheDefenderCarriesTheSecret()
    {
        var secret = _temp.Combine("secret.txt");
        File.WriteAllText(secret, "secret-123");
        using var model = Load(HostileModels.ReadsFileAndRaises(_temp.Path, secret));

        var report = new DefenseValidator(0, seed: 7, TimeSpan.FromMilliseconds(200)).Validate(model, IPhaseProgress.None);

        // The reason is for everyone and names the category; the model's words are its team's alone.
        Assert.False(report.Passed);
        Assert.DoesNotContain("secret-123", report.Reason);
        Assert.Contains("secret-123", report.ModelMessage);
    }

    [Fact]
    public void Prints_Forward_ReturnsLogits()
    {
        using var model = Load(HostileModels.Prints(_temp.Path, "hello from the model"));

        Assert.Equal([1, 2], Forward(model));
    }

    private static IDefenseModel Load(string path) => DefenseLoader.Load(path, ModelFormat.Torchscript, CPU);

    private static long[] Forward(IDefenseModel model)
    {
        using var scope = NewDisposeScope();
        return model.Forward(zeros(1, 3, 224, 224)).shape;
    }
}
