using System.Globalization;
using Contest.Contracts.V1;
using Contest.Evaluator.Jobs;
using Contest.Evaluator.Worker.Sandbox;
using Contest.Tests.Shared;
using Xunit.Abstractions;

namespace Contest.Evaluator.Tests.Worker.Sandbox;

/// <summary>
/// The real evaluator in the sandbox: TorchSharp's patched native libraries load from the evaluator's
/// folder (not from a NuGet cache it cannot see), a TorchScript defense loads and validates, and what
/// the sandbox adds to a job's start-up, measured (printed, not asserted).
/// </summary>
[Collection(SandboxCollection.Name)]
public class SandboxedEvaluatorTests(ITestOutputHelper output)
{
    [SandboxFact]
    public async Task Doctor_InTheSandbox_LoadsTorchSharpAndRunsForwardAndBackward()
    {
        using var job = new SandboxedJob();
        var command = SandboxedJob.Containment().Command;

        var run = await job.RunAsync(_ => [command.FileName, .. command.Prefix, "doctor", "--device", "cpu"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("forward+backward:  ok", run.Output);
        Assert.Contains("glibcxx shim:      loaded", run.Output);
    }

    [SandboxFact]
    public async Task RunJob_InTheSandbox_LoadsAndValidatesATorchScriptDefense_HandedOverOnStandardInput()
    {
        using var job = new SandboxedJob();
        var folder = new JobDirectory(job.Folder);
        var spec = new JobSpec
        {
            Kind = JobKind.Validate,
            Defense = new DefenseSpec { Id = "d1", Format = ModelFormat.Torchscript },
            MinImagesPerSecond = 1,
            Seed = 5,
        };
        var handoff = folder.Prepare(spec, new JobInputs("cpu", TestPaths.GoodDefense("tiny_cnn_scripted.pt"), [], null, []));

        var run = await job.RunAsync(visible => [.. JobCommand(visible)], handoff: handoff);

        Assert.True(run.ExitCode == 0, run.ToString());
        var output = folder.ReadOutput();
        Assert.NotNull(output.Result);
        Assert.True(output.Result.Validation.Passed, output.Result.Validation.Reason);
        Assert.Equal("cpu", output.Result.Validation.Device);
        // Nothing but the model (and the job's own output) is in the folder the job saw.
        Assert.Equal(["model.pt"], Directory.GetFiles(folder.InputPath).Select(Path.GetFileName));
    }

    private static IEnumerable<string> JobCommand(string visibleFolder)
    {
        var command = SandboxedJob.Containment().Command;
        return [command.FileName, .. command.Prefix, "run-job", "--dir", visibleFolder];
    }

    [SandboxFact]
    public async Task StartUp_SandboxedAndUnconfined_BothMeasured()
    {
        using var job = new SandboxedJob();
        var sandboxed = SandboxedJob.Containment(sandboxed: true);
        var unconfined = SandboxedJob.Containment(sandboxed: false);
        var command = sandboxed.Command;
        IReadOnlyList<string> Evaluator(string _) => [command.FileName, .. command.Prefix, "run-job", "--help"];
        IReadOnlyList<string> True(string _) => ["/usr/bin/true"];

        // One untimed start of each warms the page cache.
        await job.RunAsync(Evaluator, containment: sandboxed);
        await job.RunAsync(Evaluator, containment: unconfined);
        var trueSandboxed = await MedianAsync(job, True, sandboxed);
        var trueUnconfined = await MedianAsync(job, True, unconfined);
        var dotnetSandboxed = await MedianAsync(job, Evaluator, sandboxed);
        var dotnetUnconfined = await MedianAsync(job, Evaluator, unconfined);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"/usr/bin/true:          sandboxed {trueSandboxed:F1} ms, unconfined {trueUnconfined:F1} ms, +{trueSandboxed - trueUnconfined:F1} ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"evaluator run-job --help: sandboxed {dotnetSandboxed:F1} ms, unconfined {dotnetUnconfined:F1} ms, ratio {dotnetSandboxed / dotnetUnconfined:F2}"));
        output.WriteLine($"(median of 7 starts each, cgroup and rlimits in both; {sandboxed.Describe()})");
        Assert.True(dotnetSandboxed > 0 && dotnetUnconfined > 0);
    }

    private static async Task<double> MedianAsync(SandboxedJob job, Func<string, IReadOnlyList<string>> program, JobContainment containment)
    {
        var times = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var run = await job.RunAsync(program, containment: containment);
            times.Add(run.Elapsed.TotalMilliseconds);
            Assert.True(run.ExitCode == 0, run.ToString());
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
