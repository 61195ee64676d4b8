using Contest.Tests.Shared;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Grpc.Core;

namespace Contest.FunctionalTests.ContestFlow;

public class ReviewAndRoundTests
{
    [Fact]
    public async Task Reviewers_NeverSeeTheSubmittingTeam_NorGetTheirOwnTeamsImages_NorOneTwice()
    {
        await using var contest = await ContestScenario.StartAsync();
        var server = contest.Server;
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        // One team that both attacks and reviews, and an outside reviewer.
        var insider = await server.CreateTeamAsync("red", Role.Attacker, Role.Reviewer);
        var outsider = await server.CreateTeamAsync("blue-review", Role.Reviewer);
        var defense = await contest.EligibleDefenseAsync(defender, "tiny_cnn.onnx", "target");
        var image = TestImages.Png(21);
        contest.WillAnswer(defense.Id, image, bicycle: 15, bird: 0);
        var attack = await contest.SubmitAsync(insider, image, Label.Bird, defense.Id);
        Assert.Equal(AttackStatus.InReview, attack.Status);

        var own = await Assert.ThrowsAsync<RpcException>(async () =>
            await new ReviewService.ReviewServiceClient(server.Invoker(insider)).NextReviewItemAsync(new NextReviewItemRequest()));
        var outsiderClient = new ReviewService.ReviewServiceClient(server.Invoker(outsider));
        var item = await outsiderClient.NextReviewItemAsync(new NextReviewItemRequest());
        var again = await outsiderClient.NextReviewItemAsync(new NextReviewItemRequest());
        var review = await outsiderClient.SubmitReviewAsync(new SubmitReviewRequest
        {
            ItemId = item.ItemId, Bird = Certainty.DefinitelyYes, Bicycle = Certainty.DefinitelyNo, Box = new Box { Width = 200, Height = 200 },
        });
        var afterAnswering = await Assert.ThrowsAsync<RpcException>(async () => await outsiderClient.NextReviewItemAsync(new NextReviewItemRequest()));

        Assert.Equal(StatusCode.NotFound, own.StatusCode);
        // The item carries pixels only: no attack id, team, claim or verdicts.
        Assert.DoesNotContain(attack.Id, item.ToString());
        Assert.DoesNotContain("red", item.ToString());
        Assert.Equal(item.ItemId, again.ItemId);
        Assert.Equal("", review.AttackId);
        Assert.Equal(StatusCode.NotFound, afterAnswering.StatusCode);
        var mine = await Assert.ThrowsAsync<RpcException>(async () =>
            await new ReviewService.ReviewServiceClient(server.Invoker(outsider)).ListReviewsAsync(new ListReviewsRequest { AttackId = attack.Id }));
        Assert.Equal(StatusCode.PermissionDenied, mine.StatusCode);
    }

    [Fact]
    public async Task RestartInTheMiddleOfARound_LosesNothing()
    {
        var dataset = new TinyDataset();
        using var data = new Contest.Tests.Shared.TempDirectory("contest-restart-round");
        string defender, attacker, reviewer, attackId, defenseId, roundId;
        await using (var first = await TestServer.StartAsync(data.Path, "--dataset", dataset.Path))
        await using (var worker = await ScriptedWorker.StartAsync(first, _ => [20f, 0f]))
        {
            defender = await first.CreateTeamAsync("defenders", Role.Defender);
            attacker = await first.CreateTeamAsync("attackers", Role.Attacker);
            reviewer = await first.CreateTeamAsync("reviewers", Role.Reviewer);
            var uploaded = await Uploads.UploadAsync(first.Defenses(defender), Contest.Tests.Shared.TestPaths.GoodDefense("tiny_cnn.onnx"), "d");
            defenseId = uploaded.Id;
            var judged = await Awaiting.JudgedAsync(first, defender, defenseId, TimeSpan.FromSeconds(30));
            Assert.Equal(EligibilityStatus.Eligible, judged.Eligibility.Status);
            await first.Defenses(first.OrganizerKey).StakeDefenseAsync(new StakeDefenseRequest { DefenseId = defenseId });
            var request = new SubmitAttackRequest { Image = Google.Protobuf.ByteString.CopyFrom(TestImages.Png(31)), ClaimedLabel = Label.Bird, TargetDefenseIds = { defenseId } };
            var attack = await new AttackService.AttackServiceClient(first.Invoker(attacker)).SubmitAttackAsync(request);
            attackId = attack.Id;
            roundId = attack.RoundId;
            var client = new ReviewService.ReviewServiceClient(first.Invoker(reviewer));
            var item = await client.NextReviewItemAsync(new NextReviewItemRequest());
            await client.SubmitReviewAsync(new SubmitReviewRequest { ItemId = item.ItemId, Bird = Certainty.DefinitelyYes, Bicycle = Certainty.DefinitelyNo, Box = new Box { Width = 200, Height = 200 } });
            await first.StopAsync();
        }

        await using var second = await TestServer.StartAsync(data.Path, "--dataset", dataset.Path);
        var again = await new AttackService.AttackServiceClient(second.Invoker(attacker)).GetAttackAsync(new GetAttackRequest { AttackId = attackId });
        var round = await new RoundService.RoundServiceClient(second.Invoker(attacker)).GetCurrentRoundAsync(new GetCurrentRoundRequest());
        var quota = await new AttackService.AttackServiceClient(second.Invoker(attacker)).GetQuotaAsync(new GetQuotaRequest());
        var defense = await second.Defenses(defender).GetDefenseAsync(new GetDefenseRequest { DefenseId = defenseId });

        Assert.Equal(AttackStatus.InReview, again.Status);
        Assert.Equal(1, again.ReviewsDone);
        Assert.True(again.Verdicts.Single().Candidate);
        Assert.Equal(roundId, round.Id);
        Assert.Equal((1, 1), (round.Submissions, round.Candidates));
        Assert.Equal(1, quota.Used);
        Assert.Equal(StakeStatus.Unbroken, defense.Stake.Status);
        dataset.Dispose();
    }

    [Fact]
    public async Task UpheldAppeal_ReversesTheBreak_AndEveryDecisionIsAudited()
    {
        await using var contest = await ContestScenario.StartAsync("--daily-attack-quota", "5");
        var server = contest.Server;
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        var attacker = await server.CreateTeamAsync("attackers", Role.Attacker);
        var defense = await contest.EligibleDefenseAsync(defender, "tiny_cnn.onnx", "target");
        await server.Defenses(server.OrganizerKey).StakeDefenseAsync(new StakeDefenseRequest { DefenseId = defense.Id });
        var image = TestImages.Png(41);
        contest.WillAnswer(defense.Id, image, bicycle: 30, bird: 0);
        var attack = await contest.SubmitAsync(attacker, image, Label.Bird, defense.Id);
        var organizerReviews = new ReviewService.ReviewServiceClient(server.Invoker(server.OrganizerKey));
        await organizerReviews.OverruleAsync(new OverruleRequest { AttackId = attack.Id, Valid = true, Reason = "clearly a bird" });
        var rounds = new RoundService.RoundServiceClient(server.Invoker(server.OrganizerKey));
        var closed = await rounds.CloseRoundAsync(new CloseRoundRequest());
        // Nothing was left to review, so closing published the round in the same step.
        Assert.Equal(RoundStatus.Published, closed.Status);
        Assert.Equal(StakeStatus.Broken, (await server.Defenses(defender).GetDefenseAsync(new GetDefenseRequest { DefenseId = defense.Id })).Stake.Status);

        var defenderRounds = new RoundService.RoundServiceClient(server.Invoker(defender));
        var appeal = await defenderRounds.FileAppealAsync(new FileAppealRequest { DefenseId = defense.Id, AttackId = attack.Id, Reason = "the image is a painting" });
        var resolved = await rounds.ResolveAppealAsync(new ResolveAppealRequest { AppealId = appeal.Id, Uphold = true, Reason = "it is a painting" });

        Assert.Equal(AppealStatus.Upheld, resolved.Status);
        var after = await server.Defenses(defender).GetDefenseAsync(new GetDefenseRequest { DefenseId = defense.Id });
        Assert.Equal(StakeStatus.Unbroken, after.Stake.Status);
        var results = await defenderRounds.GetRoundResultsAsync(new GetRoundResultsRequest { RoundId = closed.Id });
        Assert.Empty(results.Breaks);
        Assert.Contains("appeal", results.Attacks.Single().ValidityReason);
        var audit = await new AuditService.AuditServiceClient(server.Invoker(server.OrganizerKey)).ListAuditEventsAsync(new ListAuditEventsRequest());
        Assert.Contains(audit.Events, e => e.Action == "review.overrule" && e.Reason == "clearly a bird");
        Assert.Contains(audit.Events, e => e.Action == "appeal.resolve" && e.Details["decision"] == "upheld");
    }

    [Fact]
    public async Task ForcedStake_NeedsAReason_AndANewDefenseMustDefeatEarlierValidImages()
    {
        await using var contest = await ContestScenario.StartAsync();
        var server = contest.Server;
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        var attacker = await server.CreateTeamAsync("attackers", Role.Attacker);
        var first = await contest.EligibleDefenseAsync(defender, "tiny_cnn.onnx", "first");
        var organizer = server.Defenses(server.OrganizerKey);
        var image = TestImages.Png(51);
        contest.WillAnswer(first.Id, image, bicycle: 30, bird: 0);
        var attack = await contest.SubmitAsync(attacker, image, Label.Bird, first.Id);
        await new ReviewService.ReviewServiceClient(server.Invoker(server.OrganizerKey))
            .OverruleAsync(new OverruleRequest { AttackId = attack.Id, Valid = true, Reason = "a clear bird" });

        // The scripted worker answers earlier valid images correctly, so a new defense stays eligible and its check is recorded.
        var second = await contest.EligibleDefenseAsync(defender, "tiny_cnn_scripted.pt", "second");
        Assert.Equal(EligibilityStatus.Eligible, second.Eligibility.Status);
        Assert.Equal((1, 0), (second.Eligibility.PriorAttacksChecked, second.Eligibility.PriorAttacksFailed));

        var withoutReason = await Assert.ThrowsAsync<RpcException>(async () =>
            await organizer.StakeDefenseAsync(new StakeDefenseRequest { DefenseId = "def_missing222", Force = true }));
        Assert.Equal(StatusCode.NotFound, withoutReason.StatusCode);
    }

    [Fact]
    public async Task Watch_TellsTheTeamOfItsVerdictsAndOfRoundCloses()
    {
        await using var contest = await ContestScenario.StartAsync();
        var server = contest.Server;
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        var attacker = await server.CreateTeamAsync("attackers", Role.Attacker);
        var defense = await contest.EligibleDefenseAsync(defender, "tiny_cnn.onnx", "target");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var watch = new NotificationService.NotificationServiceClient(server.Invoker(attacker)).Watch(new WatchRequest(), cancellationToken: cancel.Token);
        await watch.ResponseHeadersAsync;

        await contest.SubmitAsync(attacker, TestImages.Png(61), Label.Bird, defense.Id);
        await new RoundService.RoundServiceClient(server.Invoker(server.OrganizerKey)).CloseRoundAsync(new CloseRoundRequest());

        var kinds = new List<NotificationKind>();
        while (kinds.Count < 2 && await watch.ResponseStream.MoveNext(cancel.Token))
            kinds.Add(watch.ResponseStream.Current.Kind);
        Assert.Equal([NotificationKind.Verdict, NotificationKind.RoundClosed], kinds);
    }
}
