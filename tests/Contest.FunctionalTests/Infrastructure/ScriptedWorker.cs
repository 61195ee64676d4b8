using Contest.Contracts.V1;
using Contest.Core.Rules;
using Grpc.Core;

namespace Contest.FunctionalTests.Infrastructure;

/// <summary>
/// A test double of an evaluation worker that speaks the real WorkerService API: it validates every
/// defense, judges eligibility with perfect logits on the hidden split, and answers verdicts with the
/// logits a test chooses. The server logic around it is exercised for real, deterministically. It lists
/// the hidden split through its lease, as a real worker does; the labels it needs for perfect logits
/// come from the organizers' answer key, which no real worker can read.
/// </summary>
internal sealed class ScriptedWorker : IAsyncDisposable
{
    private readonly WorkerService.WorkerServiceClient _workers;
    private readonly DatasetService.DatasetServiceClient _answerKey;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Func<JobSpec, float[]> _verdicts;

    private ScriptedWorker(CallInvoker invoker, CallInvoker organizer, Func<JobSpec, float[]> verdicts)
    {
        _workers = new WorkerService.WorkerServiceClient(invoker);
        _answerKey = new DatasetService.DatasetServiceClient(organizer);
        _verdicts = verdicts;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Jobs this worker completed, by kind.</summary>
    public System.Collections.Concurrent.ConcurrentBag<JobKind> Completed { get; } = [];

    /// <summary>Starts a worker with a fresh worker-role key; <paramref name="verdicts"/> gives [bicycle, bird] logits per verdict job.</summary>
    public static async Task<ScriptedWorker> StartAsync(TestServer server, Func<JobSpec, float[]> verdicts)
    {
        var key = await server.CreateTeamAsync($"scripted-{Guid.NewGuid():N}"[..20], Role.Worker);
        return new ScriptedWorker(server.Invoker(key), server.Invoker(server.OrganizerKey), verdicts);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunAsync()
    {
        try
        {
            await LoopAsync();
        }
        catch (RpcException e) when (_stop.IsCancellationRequested || e.StatusCode is StatusCode.Cancelled or StatusCode.Unavailable)
        {
            // The test is over (or its server stopped first).
        }
    }

    private async Task LoopAsync()
    {
        var registration = await _workers.RegisterWorkerAsync(new RegisterWorkerRequest { Info = new WorkerInfo { Name = "scripted", Device = "none", Slots = 1 } });
        while (!_stop.IsCancellationRequested)
        {
            LeaseJobResponse response;
            try
            {
                response = await _workers.LeaseJobAsync(new LeaseJobRequest { WorkerId = registration.WorkerId, WaitSeconds = 1 }, cancellationToken: _stop.Token);
            }
            catch (RpcException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            if (response.Assignment is not { } assignment)
                continue;
            var result = await ResultForAsync(assignment.LeaseId, assignment.Spec);
            result.LeaseId = assignment.LeaseId;
            await _workers.CompleteJobAsync(result);
            Completed.Add(assignment.Spec.Kind);
        }
    }

    private async Task<CompleteJobRequest> ResultForAsync(string leaseId, JobSpec spec)
    {
        switch (spec.Kind)
        {
            case JobKind.Validate:
                return new CompleteJobRequest { Validation = new ValidationOutcome { Passed = true, ImagesPerSecond = 1000, Device = "scripted", Differentiable = true } };
            case JobKind.Eligibility:
                var images = await _workers.ListJobImagesAsync(new ListJobImagesRequest { LeaseId = leaseId });
                var answers = (await _answerKey.ListFilesAsync(new ListDatasetFilesRequest { Split = "eligibility" })).Files
                    .ToDictionary(f => f.Id, f => f.Label);
                var outcome = new EligibilityOutcome { ImagesPerSecond = 1000, Device = "scripted" };
                // Confidence 10 on the true class: perfect accuracy, so the threshold lands at 10.
                outcome.Images.AddRange(images.Images.Select((image, i) => new ImageResult
                {
                    Index = i,
                    Id = image.Id,
                    Label = answers[image.Id],
                    Logits = { answers[image.Id] == Label.Bird ? 0f : 10f, answers[image.Id] == Label.Bird ? 10f : 0f },
                }));
                outcome.PriorAttacks.AddRange(spec.PriorAttacks.Select(p => new PriorAttackOutcome
                {
                    AttackId = p.AttackId,
                    Logits = { p.Label == Label.Bird ? 0f : 12f, p.Label == Label.Bird ? 12f : 0f },
                }));
                return new CompleteJobRequest { Eligibility = outcome };
            case JobKind.Verdict:
                return new CompleteJobRequest { Verdict = new VerdictOutcome { Logits = { _verdicts(spec) } } };
            default:
                var report = new EvaluationReport { Suite = spec.Suite, Profile = spec.Profile, Split = "test", Device = "scripted" };
                var names = AttackSuites.AttacksOf(spec.Suite);
                // Accuracy falls with each attack: 1.0, 0.9, 0.8, ...; every attack records its seed.
                report.Attacks.AddRange(names.Select((name, i) => new AttackResult
                {
                    Name = name,
                    Profile = spec.Profile,
                    AccuracyAt80 = 1.0 - (0.1 * i),
                    AccuracyAt100 = 1.0 - (0.1 * i),
                    Images = 8,
                    Seed = spec.Seed + i,
                }));
                return new CompleteJobRequest { Evaluation = report };
        }
    }
}
