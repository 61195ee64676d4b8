using Contest.Contracts.V1;
using Contest.Evaluator.Data;
using Contest.Evaluator.Runtime;
using Contest.Evaluator.Tests.Worker.Sandbox;
using Contest.Evaluator.Worker;
using Contest.Evaluator.Worker.Warm;
using Contest.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using SkiaSharp;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Worker.Warm;

/// <summary>
/// Verdicts through warm model processes, each a real `serve-model` in the worker's sandbox: the
/// model is loaded once per process, images that arrive together share a forward, and a model's
/// failure or crash on one image costs that image alone.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class ModelServerPoolTests : IDisposable
{
    private readonly TempDirectory _root = new("contest-warm");
    private readonly RecordingLogger _log = new();

    public void Dispose() => _root.Dispose();

    [SandboxFact]
    public async Task VerdictsForOneDefense_OneProcessAnswersThemAll_WithTheLogitsOfAnInProcessForward()
    {
        await using var pool = Pool(new WarmModelOptions(Capacity: 2));
        var model = TestPaths.GoodDefense("tiny_cnn_scripted.pt");
        var images = Enumerable.Range(0, 3).Select(i => Image($"plain-{i}.png", (byte)(40 + 50 * i))).ToList();

        var outcomes = new List<JobOutcome>();
        foreach (var image in images)
            outcomes.Add(await VerdictAsync(pool, model, "tiny", image));

        using var reference = DefenseLoader.Load(model, ModelFormat.Torchscript, CPU);
        for (var i = 0; i < images.Count; i++)
        {
            using var input = ImageTensors.LoadAttackImage(images[i], CPU);
            using var expected = reference.Forward(input);
            var logits = outcomes[i].Result!.Verdict.Logits;
            Assert.Equal(expected.data<float>().ToArray(), logits, (a, b) => Math.Abs(a - b) < 1e-4);
        }
        AssertProcesses(1, pool);
    }

    [SandboxFact]
    public async Task VerdictsArrivingTogether_ShareForwards_AndEachGetsItsOwnLogits()
    {
        await using var pool = Pool(new WarmModelOptions(Capacity: 1, MaxBatch: 16));
        var model = TestPaths.GoodDefense("tiny_cnn_scripted.pt");
        // The process starts with the first verdict; the other seven wait for it and then go together.
        var images = Enumerable.Range(0, 8).Select(i => Image($"together-{i}.png", (byte)(10 + 30 * i))).ToList();

        var outcomes = await Task.WhenAll(images.Select(image => VerdictAsync(pool, model, "tiny", image)));

        Assert.All(outcomes, o => Assert.Equal(2, o.Result!.Verdict.Logits.Count));
        Assert.Equal(8, outcomes.Select(o => string.Join(",", o.Result!.Verdict.Logits)).Distinct().Count());
        Assert.Equal(8, pool.Counters.Images);
        Assert.True(pool.Counters.Forwards < 8, $"{pool.Counters.Forwards} forwards for 8 images");
    }

    [SandboxFact]
    public async Task AModelThatRaisesOnOneImageOfABatch_FailsThatVerdictAlone_WithItsWordsApart()
    {
        await using var pool = Pool(new WarmModelOptions(Capacity: 1));
        var model = HostileModels.RaisesOnBright(_root.Path);
        var images = new[] { Image("dark-1.png", 30), Image("bright.png", 253), Image("dark-2.png", 90) };

        var outcomes = await Task.WhenAll(images.Select(image => VerdictAsync(pool, model, "trigger", image)));

        Assert.NotNull(outcomes[0].Result);
        Assert.NotNull(outcomes[2].Result);
        Assert.Null(outcomes[1].Result);
        Assert.False(outcomes[1].Retryable);
        Assert.StartsWith("the model raised an error while running", outcomes[1].Reason);
        Assert.DoesNotContain("adversarial input detected", outcomes[1].Reason);
        Assert.Contains("adversarial input detected", outcomes[1].ModelMessage);
        AssertProcesses(1, pool);
    }

    [SandboxFact]
    public async Task AModelThatHangsOnOneImage_IsTriedOnceMoreInAFreshProcess_ThenFailsByTheTimeLimit_AndTheNextVerdictIsAnswered()
    {
        await using var pool = Pool(new WarmModelOptions(Capacity: 1));
        var model = HostileModels.SpinsOnBright(_root.Path);

        var hung = await VerdictAsync(pool, model, "spins", Image("bright.png", 253), wallSeconds: 3);
        var after = await VerdictAsync(pool, model, "spins", Image("dark.png", 30), wallSeconds: 3);

        Assert.Null(hung.Result);
        Assert.False(hung.Retryable);
        Assert.Contains("exceeded its time limit of 3 s", hung.Reason);
        Assert.NotNull(after.Result);
        // The pooled process, the fresh one for the retry, and the pooled one's replacement.
        AssertProcesses(3, pool);
    }

    [SandboxFact]
    public async Task AProcess_IsReplacedAfterItsRequests_AndByAnotherDefenseWhenThereIsNoRoom()
    {
        await using var pool = Pool(new WarmModelOptions(Capacity: 1, MaxRequests: 2));
        var tiny = TestPaths.GoodDefense("tiny_cnn_scripted.pt");
        var traced = TestPaths.GoodDefense("tiny_cnn_traced.pt");

        for (var i = 0; i < 3; i++)
            Assert.NotNull((await VerdictAsync(pool, tiny, "tiny", Image($"a-{i}.png", (byte)(20 * i + 5)))).Result);
        AssertProcesses(2, pool);
        Assert.NotNull((await VerdictAsync(pool, traced, "traced", Image("b.png", 77))).Result);
        Assert.NotNull((await VerdictAsync(pool, tiny, "tiny", Image("c.png", 99))).Result);
        AssertProcesses(4, pool);
    }

    [SandboxFact]
    public async Task AModelThatAbortsTheRuntimeOnLoad_FailsEachVerdictAsTheDefensesFault_AfterOneFreshTry()
    {
        await using var pool = Pool(new WarmModelOptions(Capacity: 1));
        var model = HostileModels.CallsUnknownOperator(_root.Path);

        var first = await VerdictAsync(pool, model, "unknown-op", Image("x.png", 60));
        var second = await VerdictAsync(pool, model, "unknown-op", Image("y.png", 70));

        Assert.All(new[] { first, second }, o =>
        {
            Assert.Null(o.Result);
            Assert.False(o.Retryable);
            Assert.StartsWith("loading the model crashed the evaluation process (SIGABRT", o.Reason);
            Assert.Contains("Unknown builtin op: evil::spawn", o.ModelMessage);
        });
        // Per verdict: the pooled start and the fresh retry; nothing dead is kept for the next.
        AssertProcesses(4, pool);
    }

    [Fact]
    public async Task StaleFoldersOfWorkersThatAreGone_AreSwept_OwnAndLiveOnesKept()
    {
        var models = Directory.CreateDirectory(_root.Combine("work", "models")).FullName;
        var gone = Directory.CreateDirectory(Path.Combine(models, "999999999-1")).FullName;
        var own = Directory.CreateDirectory(Path.Combine(models, $"{Environment.ProcessId}-1")).FullName;
        var live = Directory.CreateDirectory(Path.Combine(models, "1-1")).FullName;
        await using var pool = new ModelServerPool(new WarmModelOptions(), SandboxedJob.Containment(sandboxed: false), _root.Combine("work"),
            TimeProvider.System, NullLogger.Instance);

        pool.SweepStaleFolders();

        Assert.Equal((false, true, true), (Directory.Exists(gone), Directory.Exists(own), Directory.Exists(live)));
    }

    // A crash of a pooled process shows up only as one process too many; the log says what it was.
    private void AssertProcesses(int expected, ModelServerPool pool) =>
        Assert.True(expected == pool.Counters.Processes, $"{pool.Counters.Processes} processes, expected {expected}; the pool logged:{Environment.NewLine}{_log.Lines}");

    private ModelServerPool Pool(WarmModelOptions options) =>
        new(options, SandboxedJob.Containment(), _root.Combine("work"), TimeProvider.System, _log);

    private static Task<JobOutcome> VerdictAsync(ModelServerPool pool, string model, string defenseId, string image, int wallSeconds = 60)
    {
        var spec = new JobSpec
        {
            Kind = JobKind.Verdict,
            Defense = new DefenseSpec { Id = defenseId, Format = ModelFormat.Torchscript, Sha256 = defenseId },
            Verdict = new VerdictSpec { ImageSha256 = Path.GetFileName(image) },
            Limits = new JobLimits { WallSeconds = wallSeconds, MemoryBytes = 2L << 30 },
        };
        return pool.VerdictAsync(spec, "cpu", image, _ => Task.FromResult(model), CancellationToken.None);
    }

    // A 224x224 PNG of one grey level with a coloured rectangle, so each image gives the model different logits.
    private string Image(string name, byte level)
    {
        var path = _root.Combine(name);
        using var bitmap = new SKBitmap(new SKImageInfo(224, 224, SKColorType.Rgb888x, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(level, level, level));
            // Bright images stay bright (mean above 0.97): they trigger the hostile models below.
            using var paint = new SKPaint { Color = level > 200 ? new SKColor(240, 240, 250) : new SKColor((byte)(level / 2), (byte)(255 - level), level) };
            canvas.DrawRect(40, 60, 90 + level / 4, 70, paint);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }
}
