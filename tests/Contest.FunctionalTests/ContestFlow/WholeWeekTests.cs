using Contest.Tests.Shared;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;

namespace Contest.FunctionalTests.ContestFlow;

public class WholeWeekTests
{
    [Fact]
    public async Task AWholeWeek_ExactlyTheRightDefenseIsBrokenByExactlyTheRightImage()
    {
        await using var contest = await ContestScenario.StartAsync();
        var server = contest.Server;
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        var attacker = await server.CreateTeamAsync("attackers", Role.Attacker);
        var reviewers = new[]
        {
            await server.CreateTeamAsync("reviewer-a", Role.Reviewer),
            await server.CreateTeamAsync("reviewer-b", Role.Reviewer),
            await server.CreateTeamAsync("reviewer-c", Role.Reviewer),
        };

        // Two eligible defenses, both staked. Thresholds land at 10 (perfect eligibility logits).
        var alpha = await contest.EligibleDefenseAsync(defender, "tiny_cnn_scripted.pt", "alpha");
        var beta = await contest.EligibleDefenseAsync(defender, "tiny_cnn.onnx", "beta");
        Assert.Equal(EligibilityStatus.Eligible, alpha.Eligibility.Status);
        Assert.Equal(10f, alpha.Eligibility.Threshold);
        var organizerDefenses = server.Defenses(server.OrganizerKey);
        await organizerDefenses.StakeDefenseAsync(new StakeDefenseRequest { DefenseId = alpha.Id });
        await organizerDefenses.StakeDefenseAsync(new StakeDefenseRequest { DefenseId = beta.Id });

        // The attacker's images: the first fools alpha and is unambiguous; the second fools alpha but
        // a reviewer is unsure; the third fools beta but a reviewer draws a small box; the fourth fools no one.
        var clear = TestImages.Png(1);
        var unsure = TestImages.Png(2);
        var small = TestImages.Png(3);
        var harmless = TestImages.Png(4);
        contest.WillAnswer(alpha.Id, clear, bicycle: 15, bird: 1);
        contest.WillAnswer(beta.Id, clear, bicycle: 1, bird: 15);
        contest.WillAnswer(alpha.Id, unsure, bicycle: 15, bird: 1);
        contest.WillAnswer(beta.Id, small, bicycle: 15, bird: 1);
        contest.WillAnswer(alpha.Id, harmless, bicycle: 5, bird: 1);

        var clearAttack = await contest.SubmitAsync(attacker, clear, Label.Bird, alpha.Id, beta.Id);
        var unsureAttack = await contest.SubmitAsync(attacker, unsure, Label.Bird, alpha.Id);
        var smallAttack = await contest.SubmitAsync(attacker, small, Label.Bird, beta.Id);
        var harmlessAttack = await contest.SubmitAsync(attacker, harmless, Label.Bird, alpha.Id);

        Assert.Equal(AttackStatus.InReview, clearAttack.Status);
        var alphaVerdict = clearAttack.Verdicts.Single(v => v.DefenseId == alpha.Id);
        Assert.True(alphaVerdict.Candidate);
        Assert.Equal(Label.Bicycle, alphaVerdict.Prediction);
        Assert.False(clearAttack.Verdicts.Single(v => v.DefenseId == beta.Id).Candidate);
        // Confidence 5 is below alpha's threshold of 10: it abstains, so no candidate.
        Assert.True(harmlessAttack.Verdicts.Single().Abstained);
        Assert.Equal(AttackStatus.NotCandidate, harmlessAttack.Status);

        // Three reviewers each get the three candidates, in their own order.
        var unsureReviewer = reviewers[1];
        var smallBoxReviewer = reviewers[2];
        foreach (var reviewer in reviewers)
        {
            for (var i = 0; i < 3; i++)
            {
                var client = new ReviewService.ReviewServiceClient(server.Invoker(reviewer));
                var item = await client.NextReviewItemAsync(new NextReviewItemRequest());
                var which = AttackOf(item, clear, unsure, small);
                var bird = reviewer == unsureReviewer && which == 2 ? Certainty.MaybeYes : Certainty.DefinitelyYes;
                var side = reviewer == smallBoxReviewer && which == 3 ? 60 : 180;
                await client.SubmitReviewAsync(new SubmitReviewRequest
                {
                    ItemId = item.ItemId,
                    Bird = bird,
                    Bicycle = Certainty.DefinitelyNo,
                    Box = new Box { X = 0, Y = 0, Width = side, Height = side },
                });
            }
        }

        var rounds = new RoundService.RoundServiceClient(server.Invoker(server.OrganizerKey));
        var closed = await rounds.CloseRoundAsync(new CloseRoundRequest { Reason = "end of week" });
        // Every image was decided before the close, so closing published the round in the same step.
        Assert.Equal(RoundStatus.Published, closed.Status);
        var results = await new RoundService.RoundServiceClient(server.Invoker(attacker)).GetRoundResultsAsync(new GetRoundResultsRequest { RoundId = closed.Id });

        var only = Assert.Single(results.Breaks);
        Assert.Equal((alpha.Id, clearAttack.Id, true), (only.DefenseId, only.AttackId, only.FirstBreak));
        Assert.Equal(AttackStatus.Valid, results.Attacks.Single(a => a.Attack.Id == clearAttack.Id).Attack.Status);
        Assert.Contains("not certain", results.Attacks.Single(a => a.Attack.Id == unsureAttack.Id).ValidityReason);
        Assert.Contains("smallest box", results.Attacks.Single(a => a.Attack.Id == smallAttack.Id).ValidityReason);
        Assert.Equal(3, results.Attacks.Single(a => a.Attack.Id == clearAttack.Id).Reviews.Count);

        var boards = new LeaderboardService.LeaderboardServiceClient(server.Invoker(attacker));
        var contestBoard = await boards.GetContestLeaderboardAsync(new GetContestLeaderboardRequest());
        Assert.Equal(StakeStatus.Broken, contestBoard.Rows.Single(r => r.DefenseId == alpha.Id).Stake.Status);
        Assert.Equal(clearAttack.Id, contestBoard.Rows.Single(r => r.DefenseId == alpha.Id).Stake.BrokenByAttackId);
        Assert.Equal(StakeStatus.Unbroken, contestBoard.Rows.Single(r => r.DefenseId == beta.Id).Stake.Status);
        var attackersBoard = await boards.GetAttackerLeaderboardAsync(new GetAttackerLeaderboardRequest());
        var row = attackersBoard.Rows.Single(r => r.TeamName == "attackers");
        Assert.Equal((1, 1, 4, 3), (row.ValidBreaks, row.FirstBreaks, row.Submissions, row.Candidates));
        var matrix = await boards.GetMatrixAsync(new GetMatrixRequest());
        var matrixRow = Assert.Single(matrix.Rows);
        Assert.Equal(clearAttack.Id, matrixRow.AttackId);
        Assert.Equal(MatrixOutcome.Wrong, matrixRow.Outcomes[matrix.DefenseIds.IndexOf(alpha.Id)]);
        Assert.Equal(MatrixOutcome.Correct, matrixRow.Outcomes[matrix.DefenseIds.IndexOf(beta.Id)]);

        var audit = await new AuditService.AuditServiceClient(server.Invoker(server.OrganizerKey)).ListAuditEventsAsync(new ListAuditEventsRequest());
        Assert.Contains(audit.Events, e => e.Action == "round.close" && e.Reason == "end of week");
        Assert.Equal(2, audit.Events.Count(e => e.Action == "defense.stake"));
    }

    private static int AttackOf(ReviewItem item, params byte[][] images)
    {
        var bytes = item.Image.ToByteArray();
        for (var i = 0; i < images.Length; i++)
        {
            if (images[i].AsSpan().SequenceEqual(bytes))
                return i + 1;
        }
        throw new InvalidOperationException("a review item showed an unexpected image");
    }
}
