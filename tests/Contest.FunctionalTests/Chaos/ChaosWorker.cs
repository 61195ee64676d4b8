using Contest.Contracts.Transport;
using Contest.Contracts.V1;
using Contest.Core.Rules;
using Grpc.Core;

namespace Contest.FunctionalTests.Chaos;

/// <summary>
/// A scripted worker for one life of the server: it registers, leases validation, eligibility and
/// evaluation jobs and answers them (a perfect classifier), noting every completion the server acknowledged.
/// It stops when the server is killed or the cycle ends.
/// </summary>
internal static class ChaosWorker
{
    public static async Task RunAsync(string address, string workerKey, string organizerKey, ChaosLedger ledger, CancellationToken stop)
    {
        using var channel = new ContestChannel(address, workerKey, 32 << 20);
        using var organizer = new ContestChannel(address, organizerKey, 32 << 20);
        var workers = new WorkerService.WorkerServiceClient(channel.Invoker);
        var answerKey = new DatasetService.DatasetServiceClient(organizer.Invoker);
        string? workerId = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                workerId ??= (await workers.RegisterWorkerAsync(
                    new RegisterWorkerRequest { Info = new WorkerInfo { Name = "chaos", Device = "none", Slots = 1 } }, cancellationToken: stop)).WorkerId;
                var response = await workers.LeaseJobAsync(new LeaseJobRequest { WorkerId = workerId, WaitSeconds = 1 }, cancellationToken: stop);
                if (response.Assignment is not { } assignment)
                    continue;
                var complete = await ResultForAsync(workers, answerKey, assignment, stop);
                complete.LeaseId = assignment.LeaseId;
                await workers.CompleteJobAsync(complete, cancellationToken: stop);
                ledger.CompletedJobs.AddOrUpdate(assignment.Job.Id, 1, (_, n) => n + 1);
            }
            catch (RpcException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e) when (ChaosTests.IsCutByTheKill(e))
            {
                ledger.Cut();
                await Task.Delay(50, CancellationToken.None);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.NotFound or StatusCode.PermissionDenied)
            {
                // A lease that expired meanwhile, or a registration the previous life made: start over.
                workerId = null;
            }
        }
    }

    private static async Task<CompleteJobRequest> ResultForAsync(WorkerService.WorkerServiceClient workers,
        DatasetService.DatasetServiceClient answerKey, JobAssignment assignment, CancellationToken stop)
    {
        if (assignment.Spec.Kind == JobKind.Validate)
            return new CompleteJobRequest { Validation = new ValidationOutcome { Passed = true, ImagesPerSecond = 1000, Device = "chaos", Differentiable = true } };
        if (assignment.Spec.Kind == JobKind.Evaluate)
        {
            var report = new EvaluationReport { Suite = assignment.Spec.Suite, Profile = assignment.Spec.Profile, Split = "test", Device = "chaos" };
            report.Attacks.AddRange(AttackSuites.AttacksOf(assignment.Spec.Suite).Select((name, i) => new AttackResult
            {
                Name = name,
                Profile = assignment.Spec.Profile,
                AccuracyAt80 = 1.0,
                AccuracyAt100 = 1.0,
                Images = 8,
                Seed = assignment.Spec.Seed + i,
            }));
            return new CompleteJobRequest { Evaluation = report };
        }
        var images = await workers.ListJobImagesAsync(new ListJobImagesRequest { LeaseId = assignment.LeaseId }, cancellationToken: stop);
        var answers = (await answerKey.ListFilesAsync(new ListDatasetFilesRequest { Split = "eligibility" }, cancellationToken: stop)).Files
            .ToDictionary(f => f.Id, f => f.Label);
        var outcome = new EligibilityOutcome { ImagesPerSecond = 1000, Device = "chaos" };
        outcome.Images.AddRange(images.Images.Select((image, i) => new ImageResult
        {
            Index = i,
            Id = image.Id,
            Label = answers[image.Id],
            Logits = { answers[image.Id] == Label.Bird ? 0f : 10f, answers[image.Id] == Label.Bird ? 10f : 0f },
        }));
        return new CompleteJobRequest { Eligibility = outcome };
    }
}
