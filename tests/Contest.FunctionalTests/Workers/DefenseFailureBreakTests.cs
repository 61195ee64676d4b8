using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Tests.Shared;
using Google.Protobuf;
using SkiaSharp;

namespace Contest.FunctionalTests.Workers;

/// <summary>
/// Answer or abstain, end to end on a real worker: a defense that crashes on adversarial-looking input
/// is broken by that input once reviewers accept it.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class DefenseFailureBreakTests : IDisposable
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(4);
    private readonly TempDirectory _models = new("trigger-models");

    public void Dispose() => _models.Dispose();

    [Fact]
    public async Task DefensesThatRaiseOrRunPastTheTimeLimitOnATriggerImage_AreBrokenByIt_OnceThreeReviewersAcceptIt_MarkedAsFailures()
    {
        // A verdict may take 5 s; validation and eligibility keep their own limits.
        await using var server = await TestServer.StartAsync(null, "--workers", "1", "--min-throughput", "1", "--Contest:VerdictSeconds", "5");
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        var attacker = await server.CreateTeamAsync("attackers", Role.Attacker);
        var reviewers = new[]
        {
            await server.CreateTeamAsync("reviewers-1", Role.Reviewer),
            await server.CreateTeamAsync("reviewers-2", Role.Reviewer),
            await server.CreateTeamAsync("reviewers-3", Role.Reviewer),
        };
        var model = HostileModels.RaisesOnBright(_models.Path);
        var spinning = HostileModels.SpinsOnBright(_models.Path);
        var raises = await StakedAsync(server, defender, model, "raises-on-bright");
        var spins = await StakedAsync(server, defender, spinning, "spins-on-bright");
        var attacks = new AttackService.AttackServiceClient(server.Invoker(attacker));

        var trigger = await attacks.SubmitAttackAsync(Request(Bright(), raises, spins));

        Assert.Equal(2, trigger.Verdicts.Count);
        Assert.All(trigger.Verdicts, v => Assert.Equal((true, true), (v.DefenseFailed, v.Candidate)));
        Assert.Equal(AttackStatus.InReview, trigger.Status);
        // The model's own words stay with its team; the attempt was not retried.
        Assert.DoesNotContain("adversarial input detected", trigger.ToString());
        var jobs = await server.Jobs(server.OrganizerKey).ListJobsAsync(new ListJobsRequest());
        var verdictJobs = jobs.Jobs.Where(j => j.Kind == JobKind.Verdict).ToList();
        Assert.Equal(2, verdictJobs.Count);
        Assert.All(verdictJobs, j => Assert.Equal((JobStatus.Failed, 1), (j.Status, j.Attempts)));
        Assert.Contains("exceeded its time limit of 5 s", verdictJobs.Single(j => j.DefenseId == spins).Reason);
        Assert.Contains("adversarial input detected", verdictJobs.Single(j => j.DefenseId == raises).ModelMessage);
        foreach (var reviewer in reviewers)
            await AcceptAsync(server, reviewer);
        var rounds = new RoundService.RoundServiceClient(server.Invoker(server.OrganizerKey));
        var closed = await rounds.CloseRoundAsync(new CloseRoundRequest());
        var results = await rounds.GetRoundResultsAsync(new GetRoundResultsRequest { RoundId = closed.Id });

        Assert.Equal(RoundStatus.Published, closed.Status);
        foreach (var id in new[] { raises, spins })
        {
            var defense = await server.Defenses(defender).GetDefenseAsync(new GetDefenseRequest { DefenseId = id });
            Assert.Equal((StakeStatus.Broken, trigger.Id), (defense.Stake.Status, defense.Stake.BrokenByAttackId));
        }
        Assert.Equal(2, results.Breaks.Count);
        Assert.All(results.Breaks, b => Assert.Equal((trigger.Id, true, true), (b.AttackId, b.FirstBreak, b.ByFailure)));
        var matrix = await new LeaderboardService.LeaderboardServiceClient(server.Invoker(attacker)).GetMatrixAsync(new GetMatrixRequest());
        var row = Assert.Single(matrix.Rows);
        Assert.All(row.Outcomes, o => Assert.Equal(MatrixOutcome.DefenseFailed, o));
        Assert.Equal(2, Assert.Single(matrix.AttackScores));
    }

    // Uploaded, validated (it answers ordinary images) and staked, eligible on the generated split or not: only the break matters here.
    private static async Task<string> StakedAsync(TestServer server, string defender, string model, string name)
    {
        var uploaded = await Uploads.UploadAsync(server.Defenses(defender), model, name, open: true);
        var judged = await Awaiting.JudgedAsync(server, defender, uploaded.Id, JobTimeout);
        Assert.Equal(ValidationStatus.Passed, judged.Validation.Status);
        var forced = judged.Eligibility.Status != EligibilityStatus.Eligible;
        await server.Defenses(server.OrganizerKey).StakeDefenseAsync(new StakeDefenseRequest
        {
            DefenseId = judged.Id, Force = forced, Reason = forced ? "the trigger test stakes it either way" : "",
        });
        return judged.Id;
    }

    private static SubmitAttackRequest Request(byte[] image, params string[] targets) =>
        new() { Image = ByteString.CopyFrom(image), ClaimedLabel = Label.Bird, TargetDefenseIds = { targets } };

    // A nearly white 224x224 RGB PNG: mean pixel about 0.99.
    private static byte[] Bright()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(224, 224, SKColorType.Rgb888x, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(253, 253, 253));
            using var paint = new SKPaint { Color = new SKColor(240, 240, 250) };
            canvas.DrawCircle(112, 112, 30, paint);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static async Task AcceptAsync(TestServer server, string reviewerKey)
    {
        var client = new ReviewService.ReviewServiceClient(server.Invoker(reviewerKey));
        var item = await client.NextReviewItemAsync(new NextReviewItemRequest());
        await client.SubmitReviewAsync(new SubmitReviewRequest
        {
            ItemId = item.ItemId, Bird = Certainty.DefinitelyYes, Bicycle = Certainty.DefinitelyNo, Box = new Box { X = 10, Y = 10, Width = 180, Height = 180 },
        });
    }
}
