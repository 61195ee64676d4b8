using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Tests.Shared;
using Grpc.Health.V1;

namespace Contest.FunctionalTests.Workers;

[Collection(WorkerCollection.Name)]
public class ValidationByWorkersTests
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Uploads_AreValidatedByALocalWorker_EachBadFileWithItsOwnReason_AndTheServerKeepsAnswering()
    {
        await using var server = await TestServer.StartAsync(null, "--workers", "1", "--min-throughput", "10");
        var key = await server.CreateTeamAsync("defenders", Role.Defender);
        var defenses = server.Defenses(key);
        var good = await Uploads.UploadAsync(defenses, TestPaths.GoodDefense("tiny_cnn_scripted.pt"), "good");
        var onnx = await Uploads.UploadAsync(defenses, TestPaths.GoodDefense("tiny_cnn.onnx"), "onnx");
        var shape = await Uploads.UploadAsync(defenses, TestPaths.BadDefense("wrong_shape.pt"), "shape");
        var crash = await Uploads.UploadAsync(defenses, TestPaths.BadDefense("crash_on_load.pt"), "crash");
        var raises = await Uploads.UploadAsync(defenses, TestPaths.BadDefense("raises.pt"), "raises");

        var results = new Dictionary<string, ValidationResult>();
        foreach (var defense in new[] { good, onnx, shape, crash, raises })
            results[defense.Name] = (await Awaiting.ValidatedAsync(server, key, defense.Id, JobTimeout)).Validation;

        Assert.Equal(ValidationStatus.Passed, results["good"].Status);
        Assert.True(results["good"].ImagesPerSecond > 10);
        Assert.Equal(ValidationStatus.Passed, results["onnx"].Status);
        Assert.Contains("output has shape [1,3]; expected [1,2]", results["shape"].Reason);
        Assert.Contains("loading the model crashed the evaluation process", results["crash"].Reason);
        // What the model raised is its team's to read, never part of the reason everyone sees.
        Assert.Contains("forward raised an error", results["raises"].Reason);
        Assert.DoesNotContain("exploded", results["raises"].Reason);
        Assert.Contains("defense exploded on purpose", results["raises"].ModelMessage);
        // Eligibility follows on the hidden split: judged and shown, with the abstain threshold fixed.
        var judged = await Awaiting.JudgedAsync(server, key, good.Id, JobTimeout);
        Assert.Contains(judged.Eligibility.Status, new[] { EligibilityStatus.Eligible, EligibilityStatus.Ineligible });
        Assert.Equal(8, judged.Eligibility.Images);
        Assert.NotEqual(0f, judged.Eligibility.Threshold);
        Assert.True(judged.Eligibility.ImagesPerSecond > 0);
        var health = await new Health.HealthClient(server.Invoker(null)).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }
}
