using System.Text.Json.Nodes;
using Contest.Client.Output;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Spectre.Console;

namespace Contest.FunctionalTests.Cli;

/// <summary>
/// How the client shows a reference model and the warm-up board's published rows, from protos built
/// here (the rows do not need a trained model), plus the board's JSON from a real server.
/// </summary>
public class ReferenceRenderingTests
{
    [Fact]
    public void Details_ShowParametersSortedCurveAndMetricsBesidePublished_WithTheNote()
    {
        var text = Render(console => ReferenceTables.WriteDetails(console, Model()));

        Assert.Contains("baseline-adversarial_pgd (built-in baseline)", text);
        Assert.Contains("def_base00001", text);
        Assert.Contains("job_eval00001", text);
        Assert.True(text.IndexOf("batch_size", StringComparison.Ordinal) < text.IndexOf("epochs", StringComparison.Ordinal));
        Assert.True(text.IndexOf("epochs", StringComparison.Ordinal) < text.IndexOf("epsilon ", StringComparison.Ordinal));
        // The curve: epoch 2 at the full radius, its accuracy and throughput.
        Assert.Contains("16/255", text);
        Assert.Contains("81.2%", text);
        Assert.Contains("153.4", text);
        // Measured and published in two columns; a metric only one side has shows '-' on the other.
        Assert.Contains("Measured here", text);
        Assert.Contains("Published (original challenge, real data; not measured here)", text);
        var clean = Line(text, "clean ");
        Assert.Contains("97.5%", clean);
        Assert.Contains("100.0%  TRADESv2 (2019)", clean);
        Assert.Contains("-", Line(text, "pgd_linf"));
        Assert.Contains("99.5%", Line(text, "spatial_grid"));
        // Training's own metrics: a loss and a rate are numbers, not percentages.
        Assert.Contains("0.410", Line(text, "train_loss"));
        Assert.Contains("50.8/s", Line(text, "train_images_per_second"));
        Assert.Contains(ReferenceTables.PublishedNote, text);
    }

    [Fact]
    public void List_MarksBuiltInAndShowsKeyMetricsCleanFirst()
    {
        var text = Render(console => ReferenceTables.WriteList(console, [Model()]));

        var row = Line(text, "ref_adv00001");
        Assert.Contains("(built-in)", row);
        Assert.Contains("adversarial_pgd", row);
        Assert.Contains("quick", row);
        Assert.Contains("ready", row);
        Assert.Contains("def_base00001", row);
        Assert.Contains("eval_clean 97.5%, eval_pgd_linf 61.0%", row);
    }

    [Fact]
    public void WarmupBoard_PublishedRowsInTheirOwnSectionAfterTheMeasured_BaselineMarked()
    {
        var text = Render(console => WarmupBoardView.Write(console, Board()));

        var measured = text.IndexOf("measured on this server", StringComparison.Ordinal);
        var published = text.IndexOf(WarmupBoardView.PublishedTitle, StringComparison.Ordinal);
        Assert.True(measured >= 0 && published > measured, text);
        Assert.Contains("(open, baseline)", Line(text, "baseline-undefended"));
        Assert.True(text.IndexOf("TRADESv2", StringComparison.Ordinal) > published);
        var trades = Line(text, "TRADESv2");
        Assert.Contains("100.0", trades);
        Assert.Contains("95.0", trades);
        Assert.Contains("Unrestricted Adversarial Examples", trades);
        Assert.Contains(ReferenceTables.PublishedNote, text);
    }

    [Fact]
    public void WarmupBoard_NoPublishedRows_NoPublishedSection()
    {
        var board = Board();
        board.Published.Clear();

        var text = Render(console => WarmupBoardView.Write(console, board));

        Assert.DoesNotContain(WarmupBoardView.PublishedTitle, text);
    }

    [Fact]
    public void WarmupJson_HasPublishedArrayApartFromTheRows()
    {
        var json = ReferenceJsonViews.Warmup(Board());

        var row = Assert.Single(json["rows"]!.AsArray())!;
        Assert.True((bool)row["baseline"]!);
        var published = json["published"]!.AsArray();
        Assert.Equal(2, published.Count);
        Assert.Equal("TRADESv2", (string)published[0]!["name"]!);
        Assert.Equal(0.95, (double)published[0]!["accuracy_at_80"]!["boundary_with_random_spatial"]!);
        Assert.StartsWith("Unrestricted", (string)published[0]!["source"]!);
    }

    [Fact]
    public void ReferenceJson_KeepsMeasuredAndPublishedApart()
    {
        var json = ReferenceJsonViews.Reference(Model());

        Assert.Equal("adversarial_pgd", (string)json["kind"]!);
        Assert.Equal("ready", (string)json["status"]!);
        Assert.True((bool)json["built_in"]!);
        Assert.Equal(0.975, (double)json["metrics"]!["eval_clean"]!);
        Assert.Equal(1.0, (double)json["published"]!["TRADESv2 (2019): clean"]!);
        Assert.Null(json["metrics"]!["TRADESv2 (2019): spatial_grid"]);
        Assert.Equal(2, json["curve"]!.AsArray().Count);
        Assert.Equal(["batch_size", "epochs", "epsilon"], json["parameters"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task LeaderboardWarmupJson_FromTheServer_HasPublishedArray()
    {
        await using var server = await TestServer.StartAsync();
        var cli = new CliRunner(server);

        var board = await cli.JsonAsync(server.OrganizerKey, "leaderboard", "warmup", "--profile", "quick");

        Assert.IsType<JsonArray>(board["published"]);
        Assert.IsType<JsonArray>(board["rows"]);
    }

    private static ReferenceModel Model()
    {
        var model = new ReferenceModel
        {
            Id = "ref_adv00001",
            Name = "baseline-adversarial_pgd",
            Kind = ReferenceKind.AdversarialPgd,
            Profile = TrainingProfile.Quick,
            Status = ReferenceStatus.Ready,
            Seed = 1,
            JobId = "job_train0001",
            DefenseId = "def_base00001",
            EvaluationJobId = "job_eval00001",
            BuiltIn = true,
            CreatedAt = Timestamp.FromDateTime(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)),
            FinishedAt = Timestamp.FromDateTime(new DateTime(2026, 1, 2, 3, 24, 5, DateTimeKind.Utc)),
        };
        model.Parameters.Add("epsilon", "16/255");
        model.Parameters.Add("epochs", "12");
        model.Parameters.Add("batch_size", "32");
        model.Curve.Add(new TrainingEpoch { Epoch = 1, Loss = 0.6931, Accuracy = 0.55, Epsilon = 8.0 / 255, LearningRate = 0.05, ImagesPerSecond = 150.2 });
        model.Curve.Add(new TrainingEpoch { Epoch = 2, Loss = 0.41, Accuracy = 0.812, Epsilon = 16.0 / 255, LearningRate = 0.04, ImagesPerSecond = 153.4 });
        model.Metrics.Add("eval_clean", 0.975);
        model.Metrics.Add("eval_pgd_linf", 0.61);
        model.Metrics.Add("train_loss", 0.41);
        model.Metrics.Add("train_images_per_second", 50.79);
        model.Published.Add("TRADESv2 (2019): clean", 1.0);
        model.Published.Add("TRADESv2 (2019): spatial_grid", 0.995);
        model.Files.Add("model");
        model.Files.Add("curve");
        return model;
    }

    private static WarmupLeaderboard Board()
    {
        var board = new WarmupLeaderboard { Profile = Contest.Contracts.V1.Profile.Quick };
        board.Attacks.Add(["clean", "spsa_with_random_spatial"]);
        var row = new WarmupRow { DefenseId = "def_base00002", DefenseName = "baseline-undefended", TeamName = "organizers", Open = true, Baseline = true };
        row.AccuracyAt80.Add("clean", 0.99);
        row.AccuracyAt80.Add("spsa_with_random_spatial", 0.02);
        board.Rows.Add(row);
        var trades = new PublishedRow { Name = "TRADESv2", Source = "Unrestricted Adversarial Examples challenge, warm-up" };
        trades.AccuracyAt80.Add("clean", 1.0);
        trades.AccuracyAt80.Add("boundary_with_random_spatial", 0.95);
        var resnet = new PublishedRow { Name = "Undefended ResNet-50", Source = "Unrestricted Adversarial Examples challenge, warm-up" };
        resnet.AccuracyAt80.Add("clean", 0.988);
        board.Published.Add([trades, resnet]);
        return board;
    }

    private static string Render(Action<IAnsiConsole> write) => RenderedText.Of(write);

    private static string Line(string text, string containing) => RenderedText.Line(text, containing);
}
