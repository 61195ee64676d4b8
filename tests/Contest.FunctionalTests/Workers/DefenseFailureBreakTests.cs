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
    public async Task DefenseThatRaisesOnATriggerImage_IsBrokenByIt_OnceThreeReviewersAcceptIt_MarkedAsAFailure()
    {
        await using var server = await TestServer.StartAsync(null, "--workers", "1", "--min-throughput", "1");
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        var attacker = await server.CreateTeamAsync("attackers", Role.Attacker);
        var reviewers = new[]
        {
            await server.CreateTeamAsync("reviewers-1", Role.Reviewer),
            await server.CreateTeamAsync("reviewers-2", Role.Reviewer),
            await server.CreateTeamAsync("reviewers-3", Role.Reviewer),
        };
        // Answers like tiny_cnn on ordinary images; raises when the image is almost white.
        var model = HostileModels.WithForward(_models.Path, "raises_on_bright.pt", """
            if bool(torch.gt(torch.mean(x), 0.97)):
              ops.prim.RaiseException("adversarial input detected", "builtins.RuntimeError")
            else:
              pass
            f = self.f
            return (f).forward(x, )
            """);
        var uploaded = await Uploads.UploadAsync(server.Defenses(defender), model, "raises-on-bright", open: true);
        var judged = await Awaiting.JudgedAsync(server, defender, uploaded.Id, JobTimeout);
        Assert.Equal(ValidationStatus.Passed, judged.Validation.Status);
        // Eligible or not on the generated split, it is staked: only the break matters here.
        var forced = judged.Eligibility.Status != EligibilityStatus.Eligible;
        await server.Defenses(server.OrganizerKey).StakeDefenseAsync(new StakeDefenseRequest
        {
            DefenseId = judged.Id, Force = forced, Reason = forced ? "the trigger test stakes it either way" : "",
        });
        var attacks = new AttackService.AttackServiceClient(server.Invoker(attacker));

        var trigger = await attacks.SubmitAttackAsync(Request(Bright(), judged.Id));

        var verdict = Assert.Single(trigger.Verdicts);
        Assert.Equal((true, true), (verdict.DefenseFailed, verdict.Candidate));
        Assert.Equal(AttackStatus.InReview, trigger.Status);
        // The model's own words stay with its team.
        Assert.DoesNotContain("adversarial input detected", trigger.ToString());
        foreach (var reviewer in reviewers)
            await AcceptAsync(server, reviewer);
        var rounds = new RoundService.RoundServiceClient(server.Invoker(server.OrganizerKey));
        var closed = await rounds.CloseRoundAsync(new CloseRoundRequest());
        var results = await rounds.GetRoundResultsAsync(new GetRoundResultsRequest { RoundId = closed.Id });
        var defense = await server.Defenses(defender).GetDefenseAsync(new GetDefenseRequest { DefenseId = judged.Id });

        Assert.Equal(RoundStatus.Published, closed.Status);
        Assert.Equal(StakeStatus.Broken, defense.Stake.Status);
        Assert.Equal(trigger.Id, defense.Stake.BrokenByAttackId);
        var broken = Assert.Single(results.Breaks);
        Assert.Equal((trigger.Id, true, true), (broken.AttackId, broken.FirstBreak, broken.ByFailure));
        var matrix = await new LeaderboardService.LeaderboardServiceClient(server.Invoker(attacker)).GetMatrixAsync(new GetMatrixRequest());
        var row = Assert.Single(matrix.Rows);
        Assert.Equal(MatrixOutcome.DefenseFailed, Assert.Single(row.Outcomes));
        Assert.Equal(1, Assert.Single(matrix.AttackScores));
    }

    private static SubmitAttackRequest Request(byte[] image, string target) =>
        new() { Image = ByteString.CopyFrom(image), ClaimedLabel = Label.Bird, TargetDefenseIds = { target } };

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
