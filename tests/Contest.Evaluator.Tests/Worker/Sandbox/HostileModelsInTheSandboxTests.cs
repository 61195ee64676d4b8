using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Contest.Contracts.V1;
using Contest.Evaluator.Data;
using Contest.Evaluator.Jobs;
using Contest.Evaluator.Worker;
using Contest.Evaluator.Worker.Sandbox;
using Contest.Tests.Shared;
using Google.Protobuf;

namespace Contest.Evaluator.Tests.Worker.Sandbox;

/// <summary>
/// The sandbox as the first line against hostile models: each test runs a real validate job
/// (run-job in bubblewrap, with its cgroup and rlimits) on a TorchScript archive whose forward does
/// harm, without the worker's static screening, and reads the outcome as the worker does
/// (<see cref="JobOutcome.Of"/>). "Everything the host gets back" is the outcome's reason and model
/// message, the result's texts, the process's tail lines and every file the job left in out/.
/// A forward that raises fails a validate job as a result (not passed, a reason for everyone, the
/// model's words apart); a process that dies fails it as a crash or a limit.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class HostileModelsInTheSandboxTests : IDisposable
{
    private readonly SandboxedJob _job = new();

    public HostileModelsInTheSandboxTests() => Directory.CreateDirectory(Models);

    // Beside the job folder, like the secrets below: the sandbox must show neither.
    private string Models => Path.Combine(_job.Parent, "models");

    public void Dispose() => _job.Dispose();

    [SandboxFact]
    public async Task ReadsASecretBesideTheJobFolder_JobFails_SecretNeverComesBack()
    {
        var secret = Guid.NewGuid().ToString();
        var key = Path.Combine(_job.Parent, "organizer.key");
        await File.WriteAllTextAsync(key, secret);

        var run = await RunValidateAsync(HostileModels.ReadsFileAndRaises(Models, key));

        AssertFailedValidation(run);
        Assert.DoesNotContain(secret, run.EverythingTheHostGets());
        Assert.Contains($"unable to open file <{key}>", run.Outcome.Result!.Validation.ModelMessage);
        Assert.Contains("No such file or directory", run.Outcome.Result.Validation.ModelMessage);
    }

    [SandboxFact]
    public async Task ReadsEtcHostname_JobFails_TheHostsNameNeverComesBack()
    {
        // /etc in the sandbox holds only ld.so.cache; the model asks for as many bytes as the host's file has.
        const string hostname = "/etc/hostname";
        var exists = File.Exists(hostname);
        var name = exists ? (await File.ReadAllTextAsync(hostname)).Trim() : "";

        var run = await RunValidateAsync(ReadsAndRaises("reads_hostname.pt", hostname, exists ? new FileInfo(hostname).Length : 64));

        AssertFailedValidation(run);
        Assert.Contains("unable to open file </etc/hostname>", run.Outcome.Result!.Validation.ModelMessage);
        Assert.Contains("No such file or directory", run.Outcome.Result.Validation.ModelMessage);
        // A name of two or three letters turns up in any text by chance.
        if (name.Length > 4)
            Assert.DoesNotContain(name, run.EverythingTheHostGets());
    }

    [SandboxFact]
    public async Task ReadsProcEnviron_TheWorkersTokenNeverComesBack()
    {
        var token = Guid.NewGuid().ToString();
        Environment.SetEnvironmentVariable("CONTEST_WORKER_TOKEN", token);
        try
        {
            foreach (var environ in new[] { "/proc/1/environ", "/proc/self/environ" })
            {
                var run = await RunValidateAsync(ReadsAndRaises($"reads_{environ.Split('/')[2]}_environ.pt", environ, 4096));

                AssertFailedValidation(run);
                Assert.DoesNotContain(token, run.EverythingTheHostGets());
                Assert.DoesNotContain("CONTEST_WORKER_TOKEN", run.EverythingTheHostGets());
                // libtorch cannot even map a /proc file (it has size 0); the sandbox's allow-list
                // environment (SandboxIsolationTests) is the line behind this one.
                Assert.Contains($"file <{environ}> size <0> is smaller than the required mapping size <4096>", run.Outcome.Result!.Validation.ModelMessage);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("CONTEST_WORKER_TOKEN", null);
        }
    }

    [SandboxFact]
    public async Task WritesBesideTheJobFolderAndInTheHostsTmp_NoHostFileAppears()
    {
        var beside = Path.Combine(_job.Parent, "planted.bin");
        var tmp = Path.Combine("/tmp", $"contest-planted-{Guid.NewGuid():N}");

        // Beside the job folder: that path does not exist in the sandbox, so forward fails.
        var besideRun = await RunValidateAsync(HostileModels.WritesFile(Models, beside));
        // In /tmp: the job's own tmpfs, gone with the sandbox; the model goes on and passes.
        var tmpRun = await RunValidateAsync(HostileModels.WritesFile(Directory.CreateDirectory(Path.Combine(Models, "tmp")).FullName, tmp));

        Assert.False(File.Exists(beside));
        Assert.False(File.Exists(tmp));
        AssertFailedValidation(besideRun);
        Assert.Contains($"unable to open file <{beside}>", besideRun.Outcome.Result!.Validation.ModelMessage);
        Assert.True(tmpRun.Outcome.Result?.Validation.Passed, tmpRun.ToString());
    }

    [SandboxFact]
    public async Task WritesIntoJobOut_Passes_TheFileStaysInOutAndIsNoArtifact()
    {
        // out/ is the job's to write; what it writes beside artifacts/ is never uploaded.
        var run = await RunValidateAsync(HostileModels.WritesFile(Models, "/job/out/x"));

        Assert.True(run.Outcome.Result?.Validation.Passed, run.ToString());
        Assert.Equal(Enumerable.Repeat((byte)'A', 16), await File.ReadAllBytesAsync(Path.Combine(_job.Out, "x")));
        Assert.Empty(run.Directory.Artifacts());
    }

    [CgroupFact]
    public async Task AllocatesFarPastItsMemoryLimit_KernelKillsTheJob_ReasonNamesTheLimit()
    {
        // 3 GiB, not 30: an allocation beyond the machine's RAM is refused by the kernel's overcommit
        // check before any page is touched, and then it is only the model raising an error.
        var limits = ProcessLimits.For(TimeSpan.FromMinutes(2), 1L << 30);

        var run = await RunValidateAsync(HostileModels.Allocates(Models, 3), limits);

        Assert.True(run.OutOfMemoryKilled, run.ToString());
        Assert.Equal(137, run.ExitCode);
        Assert.Null(run.Outcome.Result);
        Assert.Equal(LimitExplanation.MemoryExceeded(1L << 30, run.LastPhase), run.Outcome.Reason);
        Assert.StartsWith("the job's process used more than 1.0 GiB of memory (its limit) while", run.Outcome.Reason);
        Assert.InRange(run.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(60));
    }

    [CgroupFact]
    public async Task Allocates30GiBAtOnce_UnderA1GiBLimit_FailsNamingMemory()
    {
        // Where 30 GiB is more than RAM and swap (heuristic overcommit), mmap refuses it and the
        // allocator raises; elsewhere the pages are touched until the kernel kills the job.
        var run = await RunValidateAsync(HostileModels.Allocates(Models, 30), ProcessLimits.For(TimeSpan.FromMinutes(2), 1L << 30));

        if (run.OutOfMemoryKilled)
        {
            Assert.Null(run.Outcome.Result);
            Assert.Equal(LimitExplanation.MemoryExceeded(1L << 30, run.LastPhase), run.Outcome.Reason);
        }
        else
        {
            AssertFailedValidation(run);
            Assert.Contains("can't allocate memory: you tried to allocate 32212254720 bytes", run.Outcome.Result!.Validation.ModelMessage);
        }
        Assert.InRange(run.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(60));
    }

    [CgroupFact]
    public async Task PlantsAPassingResultThenGetsItselfKilled_TheHostDoesNotTakeTheResult()
    {
        // run-job writes result.pb only after the model is done, but out/ is the model's to write too.
        // The size of the allocation depends on the write, so the optimiser can neither fold it
        // into a constant (allocated at compile time, before the write) nor drop the write.
        var forged = new CompleteJobRequest
        {
            Validation = new ValidationOutcome { Passed = true, Device = "cpu", ImagesPerSecond = 1e6, BestBatchSize = 1 },
        }.ToByteArray();
        var model = HostileModels.WithForward(Models, "plants_result.pt", $"""
            mapped = torch.from_file("/job/out/result.pb", True, {forged.Length}, dtype=0)
            planted = torch.copy_(mapped, torch.tensor([{string.Join(", ", forged)}], dtype=0, device=None, requires_grad=False))
            size = torch.add(torch.mul(int(torch.select(planted, 0, 0)), 0), {3L << 30})
            big = torch.ones([size], dtype=0, layout=None, device=None, pin_memory=None)
            f = self.f
            logits = (f).forward(x, )
            return torch.add(logits, torch.mul(torch.select(big, 0, 0), 0))
            """);

        var run = await RunValidateAsync(model, ProcessLimits.For(TimeSpan.FromMinutes(2), 1L << 30));

        Assert.True(run.OutOfMemoryKilled, run.ToString());
        Assert.Equal(forged, await File.ReadAllBytesAsync(Path.Combine(_job.Out, "result.pb")));
        Assert.Null(run.Outcome.Result);
        Assert.Equal(LimitExplanation.MemoryExceeded(1L << 30, run.LastPhase), run.Outcome.Reason);
    }

    [SandboxFact]
    public async Task PrintsAForgedProgressLineAndEscapes_Passes_ProgressNeverSeesIt()
    {
        const string forgedLine = """@@progress {"Phase":"pwned","Done":7,"Total":7,"ForwardImages":7,"Message":"owned"}""";
        // The line would be taken for progress, were it on the progress channel.
        Assert.True(ProgressLine.TryParse(forgedLine, out var wouldBe) && wouldBe.Phase == "pwned");
        const string escapes = "\u001b]0;window-title\u0007\u001b[2J\u001b[31mred text\u001b[0m";

        var run = await RunValidateAsync(HostileModels.Prints(Models, $"{escapes}\n{forgedLine}"));

        Assert.True(run.Outcome.Result?.Validation.Passed, run.ToString());
        Assert.Contains(run.Progress, p => p.Phase == PhaseNames.LoadingModel);
        Assert.DoesNotContain(run.Progress, p => p.Phase.Contains("pwned", StringComparison.Ordinal) || p.Message.Contains("owned", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Tail, line => line.Contains("pwned", StringComparison.Ordinal));
        var log = await File.ReadAllTextAsync(run.Directory.ProcessOutputPath);
        Assert.Contains(forgedLine, log);
        Assert.Contains(escapes, log);
        Assert.DoesNotContain("\u001b", run.Directory.ReadProcessOutputTail());
    }

    [SandboxFact]
    public async Task RaisesAMessageFullOfEscapes_ReasonHasNoneOfItsWords_ModelMessageIsCleaned()
    {
        const string message = "\u001b[2J\u001b[H\u001b]0;titlebar\u0007ALPHAWORD\r\u001b[31mBRAVOWORD\u001b[0m\b\b\u0007\u202eCHARLIEWORD\u0001";

        var run = await RunValidateAsync(HostileModels.Raises(Models, message));

        AssertFailedValidation(run);
        var validation = run.Outcome.Result!.Validation;
        foreach (var word in new[] { "ALPHAWORD", "BRAVOWORD", "CHARLIEWORD" })
        {
            Assert.DoesNotContain(word, validation.Reason);
            Assert.Contains(word, validation.ModelMessage);
        }
        Assert.DoesNotContain("titlebar", validation.ModelMessage);
        Assert.DoesNotContain(validation.ModelMessage, c => char.IsControl(c) || c == '\u202e');
    }

    [SandboxFact]
    public async Task CallsAnUnknownOperator_ProcessAborts_HostGetsACrashAndNothingIsLeftRunning()
    {
        var run = await RunValidateAsync(HostileModels.CallsUnknownOperator(Models));

        Assert.Equal(134, run.ExitCode);
        Assert.Equal(JobOutput.Nothing, run.Directory.ReadOutput());
        Assert.Null(run.Outcome.Result);
        Assert.StartsWith("loading the model crashed the evaluation process (SIGABRT, exit code 134)", run.Outcome.Reason);
        Assert.Contains("Unknown builtin op: evil::spawn", run.Outcome.ModelMessage);
        Assert.Empty(ProcessesNaming(_job.Folder));
    }

    // HostileModels.ReadsFileAndRaises with a length of our choosing (the file need not exist here).
    private string ReadsAndRaises(string fileName, string path, long length) =>
        HostileModels.WithForward(Models, fileName, $"""
            data = torch.from_file({HostileModels.Literal(path)}, False, {length}, dtype=0)
            text = ""
            for i in range({length}):
              text = torch.add(text, torch.chr(int(torch.select(data, 0, i))))
            ops.prim.RaiseException(text, "builtins.RuntimeError")
            return x
            """);

    private static void AssertFailedValidation(HostileRun run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        var validation = run.Outcome.Result?.Validation;
        Assert.NotNull(validation);
        Assert.False(validation.Passed);
        Assert.StartsWith("forward raised an error on a batch of", validation.Reason);
    }

    private async Task<HostileRun> RunValidateAsync(string model, ProcessLimits? limits = null)
    {
        var directory = new JobDirectory(_job.Folder);
        var spec = new JobSpec
        {
            Kind = JobKind.Validate,
            Defense = new DefenseSpec { Id = "hostile", Format = ModelFormat.Torchscript },
            MinImagesPerSecond = 1,
            Seed = 11,
        };
        var handoff = directory.Prepare(spec, new JobInputs("cpu", model, [], null, []));
        limits ??= ProcessLimits.For(TimeSpan.FromMinutes(2), 2L << 30);
        var progress = new ConcurrentQueue<ProgressLine>();
        var watch = Stopwatch.StartNew();
        using var process = JobProcess.Start(new JobLaunch(directory.Path, limits, SandboxedJob.Containment()), handoff, progress.Enqueue);
        await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
        var elapsed = watch.Elapsed;
        var lastPhase = progress.LastOrDefault()?.Phase ?? "";
        return new HostileRun(
            directory, process.ExitCode, process.OutOfMemoryKilled, [.. progress], process.Tail, lastPhase,
            JobOutcome.Of(spec, directory, process, limits, lastPhase), elapsed);
    }

    private static List<int> ProcessesNaming(string text)
    {
        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
                continue;
            try
            {
                if (File.ReadAllText(Path.Combine(folder, "cmdline")).Contains(text, StringComparison.Ordinal))
                    found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }
        return found;
    }

    private sealed record HostileRun(
        JobDirectory Directory, int ExitCode, bool OutOfMemoryKilled, IReadOnlyList<ProgressLine> Progress,
        IReadOnlyList<string> Tail, string LastPhase, JobOutcome Outcome, TimeSpan Elapsed)
    {
        /// <summary>Every text the host reads back from the job, and every file the job left in out/.</summary>
        public string EverythingTheHostGets()
        {
            var all = new StringBuilder()
                .AppendLine(Outcome.Reason).AppendLine(Outcome.ModelMessage)
                .AppendLine(Outcome.Result?.ToString())
                .AppendLine(string.Join('\n', Tail))
                .AppendLine(string.Join('\n', Progress.Select(p => $"{p.Phase} {p.Message}")))
                .AppendLine(Directory.ReadProcessOutputTail());
            foreach (var file in System.IO.Directory.EnumerateFiles(Directory.OutputPath, "*", SearchOption.AllDirectories))
                all.AppendLine(File.ReadAllText(file));
            return all.ToString();
        }

        public override string ToString() =>
            $"exit {ExitCode}, oom {OutOfMemoryKilled}, outcome {Outcome}, tail: {string.Join(" | ", Tail)}; log: {Directory.ReadProcessOutputTail()}";
    }
}
