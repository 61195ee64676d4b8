using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Tests.Shared;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace Contest.FunctionalTests.ContestFlow;

/// <summary>
/// Review anonymity and independence through the API: nothing a participant sees moves when a
/// candidate arrives or is reviewed, only when its round is published; a team reviews an image once.
/// </summary>
public class ReviewIntegrityTests
{
    // Friday 27 November 2026, 23:00 UTC: the first round closes on its own at 23:59:59.
    private static readonly DateTimeOffset FridayEvening = new(2026, 11, 27, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AttackersBoard_SeenByAReviewerOrAnotherTeam_ChangesOnlyWhenTheRoundIsPublished()
    {
        var clock = new FakeTimeProvider(FridayEvening);
        await using var contest = await ContestScenario.StartWithClockAsync(clock);
        var server = contest.Server;
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        var attacker = await server.CreateTeamAsync("attackers", Role.Attacker);
        var bystander = await server.CreateTeamAsync("bystanders", Role.Attacker);
        string[] reviewers =
        [
            await server.CreateTeamAsync("reviewer-a", Role.Reviewer),
            await server.CreateTeamAsync("reviewer-b", Role.Reviewer),
            await server.CreateTeamAsync("reviewer-c", Role.Reviewer),
        ];
        var defense = await contest.EligibleDefenseAsync(defender, "tiny_cnn.onnx", "target");
        await server.Defenses(server.OrganizerKey).StakeDefenseAsync(new StakeDefenseRequest { DefenseId = defense.Id });
        var fooling = TestImages.Png(71);
        contest.WillAnswer(defense.Id, fooling, bicycle: 30, bird: 0);
        string[] watchers = [reviewers[0], bystander, defender];
        var before = await ViewsAsync(server, watchers);

        var candidate = await contest.SubmitAsync(attacker, fooling, Label.Bird, defense.Id);
        await contest.SubmitAsync(attacker, TestImages.Png(72), Label.Bird, defense.Id);
        Assert.Equal(AttackStatus.InReview, candidate.Status);
        // The defender may read the verdict jobs on its defense, but not which team asked for them.
        var verdictJobs = (await server.Jobs(server.OrganizerKey).ListJobsAsync(new ListJobsRequest())).Jobs.Where(j => j.Kind == JobKind.Verdict).ToList();
        Assert.Equal(2, verdictJobs.Count);
        foreach (var job in verdictJobs)
        {
            Assert.Null((await server.Jobs(defender).GetJobAsync(new GetJobRequest { JobId = job.Id })).Team);
            Assert.Equal("attackers", (await server.Jobs(attacker).GetJobAsync(new GetJobRequest { JobId = job.Id })).Team.Name);
        }
        var afterSubmission = await ViewsAsync(server, watchers);
        foreach (var reviewer in reviewers)
            await contest.ReviewAsync(reviewer, Certainty.DefinitelyYes, Certainty.DefinitelyNo);
        var afterReview = await ViewsAsync(server, watchers);

        Assert.Equal(before, afterSubmission);
        Assert.Equal(before, afterReview);
        Assert.All(watchers, w => Assert.Empty(before[w].Board.Rows));
        // The open round shows a participant its own team's counts only; organizers see them all.
        var attackersRound = await Rounds(server, attacker).GetCurrentRoundAsync(new GetCurrentRoundRequest());
        var organizersRound = await Rounds(server, server.OrganizerKey).GetCurrentRoundAsync(new GetCurrentRoundRequest());
        Assert.Equal((2, 1, true), (attackersRound.Submissions, attackersRound.Candidates, attackersRound.OwnTeamOnly));
        Assert.Equal((2, 1, false), (organizersRound.Submissions, organizersRound.Candidates, organizersRound.OwnTeamOnly));
        Assert.Equal((0, 0, true), (before[bystander].Round.Submissions, afterReview[bystander].Round.Candidates, afterReview[bystander].Round.OwnTeamOnly));

        // Friday 23:59:59 passes: the round closes with every image decided, so it is published at once.
        clock.Advance(TimeSpan.FromMinutes(61));
        var published = await PublishedAsync(server, candidate.RoundId);

        var board = await Boards(server, reviewers[0]).GetAttackerLeaderboardAsync(new GetAttackerLeaderboardRequest());
        var row = Assert.Single(board.Rows);
        Assert.Equal(("attackers", 2, 1, 1, 1), (row.TeamName, row.Submissions, row.Candidates, row.ValidBreaks, row.FirstBreaks));
        var bystandersView = await Rounds(server, bystander).GetRoundAsync(new GetRoundRequest { RoundId = published.Id });
        Assert.Equal((2, 1, 0, false), (bystandersView.Submissions, bystandersView.Candidates, bystandersView.ReviewsPending, bystandersView.OwnTeamOnly));
    }

    [Fact]
    public async Task Review_TwoKeysOfOneTeam_TheSecondIsNotOfferedTheImage_AndADirectSubmitIsRefused()
    {
        await using var contest = await ContestScenario.StartAsync();
        var server = contest.Server;
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        var attacker = await server.CreateTeamAsync("attackers", Role.Attacker);
        var team = (await server.Teams(server.OrganizerKey).CreateTeamAsync(new CreateTeamRequest { Name = "reviewers", Roles = { Role.Reviewer } }));
        var second = (await server.Teams(server.OrganizerKey).CreateKeyAsync(new CreateKeyRequest { TeamId = team.Team.Id, Label = "laptop 2" })).Key;
        var defense = await contest.EligibleDefenseAsync(defender, "tiny_cnn.onnx", "target");
        var image = TestImages.Png(73);
        contest.WillAnswer(defense.Id, image, bicycle: 30, bird: 0);
        var attack = await contest.SubmitAsync(attacker, image, Label.Bird, defense.Id);
        var firstDesk = new ReviewService.ReviewServiceClient(server.Invoker(team.Key));
        var secondDesk = new ReviewService.ReviewServiceClient(server.Invoker(second));

        var item = await firstDesk.NextReviewItemAsync(new NextReviewItemRequest());
        var notOffered = await Assert.ThrowsAsync<RpcException>(async () => await secondDesk.NextReviewItemAsync(new NextReviewItemRequest()));
        var direct = await Assert.ThrowsAsync<RpcException>(async () => await secondDesk.SubmitReviewAsync(Accept(item.ItemId)));
        await firstDesk.SubmitReviewAsync(Accept(item.ItemId));
        var afterAnswer = await Assert.ThrowsAsync<RpcException>(async () => await secondDesk.NextReviewItemAsync(new NextReviewItemRequest()));

        Assert.Equal(StatusCode.NotFound, notOffered.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, direct.StatusCode);
        Assert.Contains("another key of your team", direct.Status.Detail);
        Assert.Equal(StatusCode.NotFound, afterAnswer.StatusCode);
        var seen = await new AttackService.AttackServiceClient(server.Invoker(attacker)).GetAttackAsync(new GetAttackRequest { AttackId = attack.Id });
        Assert.Equal((1, 3, AttackStatus.InReview), (seen.ReviewsDone, seen.ReviewsNeeded, seen.Status));
    }

    private sealed record View(AttackerLeaderboard Board, Round Round);

    private static async Task<Dictionary<string, View>> ViewsAsync(TestServer server, IEnumerable<string> keys)
    {
        var views = new Dictionary<string, View>();
        foreach (var key in keys)
        {
            var board = await Boards(server, key).GetAttackerLeaderboardAsync(new GetAttackerLeaderboardRequest());
            var round = await Rounds(server, key).GetCurrentRoundAsync(new GetCurrentRoundRequest());
            views[key] = new View(board, round);
        }
        return views;
    }

    private static async Task<Round> PublishedAsync(TestServer server, string roundId)
    {
        var rounds = Rounds(server, server.OrganizerKey);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var round = await rounds.GetRoundAsync(new GetRoundRequest { RoundId = roundId });
            if (round.Status == RoundStatus.Published || DateTime.UtcNow > deadline)
                return round.Status == RoundStatus.Published ? round : throw new TimeoutException($"round {roundId} is still {round.Status}");
            await Task.Delay(20);
        }
    }

    private static SubmitReviewRequest Accept(string itemId) => new()
    {
        ItemId = itemId, Bird = Certainty.DefinitelyYes, Bicycle = Certainty.DefinitelyNo, Box = new Box { Width = 200, Height = 200 },
    };

    private static LeaderboardService.LeaderboardServiceClient Boards(TestServer server, string key) => new(server.Invoker(key));

    private static RoundService.RoundServiceClient Rounds(TestServer server, string key) => new(server.Invoker(key));
}
