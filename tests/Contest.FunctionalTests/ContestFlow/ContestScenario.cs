using System.Collections.Concurrent;
using System.Security.Cryptography;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Tests.Shared;
using Google.Protobuf;

namespace Contest.FunctionalTests.ContestFlow;

/// <summary>
/// A running contest for tests: a server over a tiny dataset, a scripted worker whose verdicts the
/// test chooses per (defense, image), and helpers for the usual steps.
/// </summary>
internal sealed class ContestScenario : IAsyncDisposable
{
    private readonly TinyDataset _dataset;
    private readonly ConcurrentDictionary<(string Defense, string Image), float[]> _logits = new();

    private ContestScenario(TinyDataset dataset, TestServer server, ScriptedWorker worker)
    {
        _dataset = dataset;
        Server = server;
        Worker = worker;
    }

    public TestServer Server { get; }

    public ScriptedWorker Worker { get; }

    public static Task<ContestScenario> StartAsync(params string[] extraArgs) => StartAsync(null, extraArgs);

    /// <summary>The same, with every rule of the server on <paramref name="clock"/> (a fake clock the test moves).</summary>
    public static Task<ContestScenario> StartWithClockAsync(TimeProvider clock, params string[] extraArgs) => StartAsync(clock, extraArgs);

    private static async Task<ContestScenario> StartAsync(TimeProvider? clock, string[] extraArgs)
    {
        var dataset = new TinyDataset();
        string[] args = ["--dataset", dataset.Path, .. extraArgs];
        var server = clock is null ? await TestServer.StartAsync(null, args) : await TestServer.StartWithClockAsync(clock, args);
        ContestScenario? scenario = null;
        var worker = await ScriptedWorker.StartAsync(server, spec => scenario!.LogitsFor(spec));
        scenario = new ContestScenario(dataset, server, worker);
        return scenario;
    }

    /// <summary>The defense answers [bicycle, bird] on this image (default: confidently bird).</summary>
    public void WillAnswer(string defenseId, byte[] image, float bicycle, float bird) =>
        _logits[(defenseId, Sha(image))] = [bicycle, bird];

    /// <summary>Uploads a defense and waits until it is judged eligible.</summary>
    public async Task<Defense> EligibleDefenseAsync(string defenderKey, string fixture, string name)
    {
        var uploaded = await Uploads.UploadAsync(Server.Defenses(defenderKey), TestPaths.GoodDefense(fixture), name, open: true);
        return await Awaiting.JudgedAsync(Server, defenderKey, uploaded.Id, TimeSpan.FromSeconds(30));
    }

    public Task<AttackSubmission> SubmitAsync(string attackerKey, byte[] image, Label claim, params string[] targets)
    {
        var request = new SubmitAttackRequest { Image = ByteString.CopyFrom(image), ClaimedLabel = claim };
        request.TargetDefenseIds.AddRange(targets);
        return new AttackService.AttackServiceClient(Server.Invoker(attackerKey)).SubmitAttackAsync(request).ResponseAsync;
    }

    /// <summary>A reviewer takes the next item and answers it.</summary>
    public async Task<(ReviewItem Item, Review Review)> ReviewAsync(string reviewerKey, Certainty bird, Certainty bicycle, int boxSide = 180,
        bool truncated = false)
    {
        var client = new ReviewService.ReviewServiceClient(Server.Invoker(reviewerKey));
        var item = await client.NextReviewItemAsync(new NextReviewItemRequest());
        var review = await client.SubmitReviewAsync(new SubmitReviewRequest
        {
            ItemId = item.ItemId,
            Bird = bird,
            Bicycle = bicycle,
            Box = new Box { X = 10, Y = 10, Width = boxSide, Height = boxSide },
            Truncated = truncated,
        });
        return (item, review);
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync();
        await Server.DisposeAsync();
        _dataset.Dispose();
    }

    private float[] LogitsFor(JobSpec spec) =>
        _logits.TryGetValue((spec.Defense.Id, spec.Verdict.ImageSha256), out var logits) ? logits : [0f, 20f];

    private static string Sha(byte[] image) => Convert.ToHexStringLower(SHA256.HashData(image));
}
