using Contest.Contracts.V1;
using Contest.FunctionalTests.ContestFlow;
using Contest.FunctionalTests.Infrastructure;
using Contest.Tests.Shared;

namespace Contest.FunctionalTests.Cli;

public class ContestCommandTests
{
    [Fact]
    public async Task AttackReviewRoundCommands_JsonHasTheDocumentedFields()
    {
        await using var contest = await ContestScenario.StartAsync();
        using var temp = new TempDirectory();
        var server = contest.Server;
        var cli = new CliRunner(server);
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        var attacker = await server.CreateTeamAsync("attackers", Role.Attacker);
        var reviewer = await server.CreateTeamAsync("reviewers", Role.Reviewer);
        var defense = await contest.EligibleDefenseAsync(defender, "tiny_cnn.onnx", "target");
        var stake = await cli.JsonAsync(server.OrganizerKey, "defenses", "stake", defense.Id);
        var image = TestImages.Png(77);
        var imagePath = temp.Combine("attack.png");
        await File.WriteAllBytesAsync(imagePath, image);
        contest.WillAnswer(defense.Id, image, bicycle: 25, bird: 0);

        var submitted = await cli.JsonAsync(attacker, "attacks", "submit", imagePath, "--claim", "bird", "--target", defense.Id);
        var quota = await cli.JsonAsync(attacker, "quota");
        var next = await cli.JsonAsync(reviewer, "review", "next", "--out", temp.Combine("item.png"));
        var answered = await cli.JsonAsync(reviewer, "review", "submit", (string)next["item_id"]!,
            "--bird", "definitely_yes", "--bicycle", "definitely_no", "--box", "10,10,150,150");
        var round = await cli.JsonAsync(attacker, "rounds", "show");
        var board = await cli.JsonAsync(attacker, "leaderboard", "contest");
        var reviewersRound = await cli.RunAsync(reviewer, "rounds", "show");
        var attackersBoard = await cli.JsonAsync(reviewer, "leaderboard", "attackers");

        Assert.Equal("unbroken", (string)stake["stake"]!["status"]!);
        Assert.False(string.IsNullOrEmpty((string)submitted["id"]!));
        var verdict = Assert.Single(submitted["verdicts"]!.AsArray())!;
        Assert.Equal(defense.Id, (string)verdict["defense_id"]!);
        Assert.Equal([25f, 0f], verdict["logits"]!.AsArray().Select(l => (float)l!));
        Assert.Equal("bicycle", (string)verdict["prediction"]!);
        Assert.Equal(25f, (float)verdict["confidence"]!);
        Assert.False((bool)verdict["abstained"]!);
        Assert.True((bool)verdict["candidate"]!);
        Assert.Equal(9, (int)quota["remaining"]!);
        Assert.Equal(image, await File.ReadAllBytesAsync(temp.Combine("item.png")));
        Assert.Equal("definitely_yes", (string)answered["bird"]!);
        Assert.Equal("open", (string)round["status"]!);
        Assert.Equal((1, 1, true), ((int)round["submissions"]!, (int)round["candidates"]!, (bool)round["own_team_only"]!));
        Assert.Contains("0 submission(s), 0 candidate(s), 0 awaiting review (your team's; all teams' once the round is published)",
            System.Text.RegularExpressions.Regex.Replace(reviewersRound.Output, @"\s+", " "));
        // Nothing is published yet, so the attackers' board is empty for everyone.
        Assert.Empty(attackersBoard.AsArray());
        Assert.Single(board["rows"]!.AsArray());
    }

    [Fact]
    public async Task ReviewSubmit_BadLevelOrBox_ExitCodeTwo()
    {
        await using var server = await TestServer.StartAsync();
        var cli = new CliRunner(server);

        var level = await cli.RunAsync(server.OrganizerKey, "review", "submit", "rev_x", "--bird", "probably", "--bicycle", "definitely_no", "--box", "0,0,10,10");
        var box = await cli.RunAsync(server.OrganizerKey, "review", "submit", "rev_x", "--bird", "definitely_yes", "--bicycle", "definitely_no", "--box", "0,0,10");

        Assert.Equal(2, level.ExitCode);
        Assert.Contains("--bird must be", level.Error);
        Assert.Equal(2, box.ExitCode);
        Assert.Contains("--box must be X,Y,W,H", box.Error);
    }
}
