using Contest.Client.Output;
using Contest.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using static Contest.FunctionalTests.Cli.RenderedText;

namespace Contest.FunctionalTests.Cli;

/// <summary>How the client shows analyses (a label-DP sweep built here): the details, the list, the JSON.</summary>
public class AnalysisRenderingTests
{
    [Fact]
    public void Details_ShowParametersNotesSummaryEveryTableAndArtifacts()
    {
        var text = Of(console => AnalysisTables.WriteDetails(console, Sweep()));

        Assert.Contains("job_sweep0001", Line(text, "id"));
        Assert.Contains("label_dp_sweep", Line(text, "kind"));
        Assert.Contains("succeeded", Line(text, "status"));
        Assert.Contains("0.5,1,inf", Line(text, "epsilons"));
        Assert.Contains("quick profile on two cores", Line(text, "notes"));
        Assert.Contains("97.5%", Line(text, "baseline_accuracy"));
        Assert.Contains("inf", Line(text, "best_epsilon"));
        // Differences of accuracies, either sign, in percentage points.
        Assert.Contains("+5.0 pts", Line(text, "lp2st_minus_lp1st_eps_1"));
        Assert.Contains("-1.2 pts", Line(text, "lp2st_minus_lp1st_eps_2"));
        Assert.Contains("accuracy by epsilon", text);
        Assert.Contains("LP-2ST", Line(text, "0.5 "));
        Assert.Contains("(no method)", text);
        Assert.Contains("12.0 KiB", Line(text, "accuracy-vs-epsilon.png"));
        Assert.Contains("300 B", Line(text, "accuracy-vs-epsilon.csv"));
        Assert.Contains("contest analysis download job_sweep0001", text);
    }

    [Fact]
    public void List_ShortSummary_OrFailureReason()
    {
        var failed = new AnalysisResult { JobId = "job_sweep0002", Kind = AnalysisKind.LabelDpSweep, Status = JobStatus.Failed, Reason = "the worker ran out of memory" };

        var text = Of(console => AnalysisTables.WriteList(console, [Sweep(), failed]));

        Assert.Contains("baseline_accuracy 97.5%, best_epsilon inf, lp1st_accuracy_eps_1 81.0%, ...", Line(text, "job_sweep0001"));
        Assert.Contains("2026-01-02T03:04:05Z", Line(text, "job_sweep0001"));
        Assert.Contains("the worker ran out of memory", Line(text, "job_sweep0002"));
    }

    [Fact]
    public void Json_HasEverySectionAndInfinityAsText()
    {
        var json = AnalysisJsonViews.Analysis(Sweep());

        Assert.Equal("label_dp_sweep", (string)json["kind"]!);
        Assert.Equal("succeeded", (string)json["status"]!);
        Assert.Equal(7, (long)json["seed"]!);
        Assert.Equal("0.5,1,inf", (string)json["parameters"]!["epsilons"]!);
        Assert.Equal(0.975, (double)json["summary"]!["baseline_accuracy"]!);
        Assert.Equal("inf", (string)json["summary"]!["best_epsilon"]!);
        var table = json["tables"]!.AsArray()[0]!;
        Assert.Equal("accuracy by epsilon", (string)table["name"]!);
        Assert.Equal("LP-2ST", (string)table["rows"]!.AsArray()[0]![1]!);
        Assert.Equal(12288, (long)json["artifacts"]!.AsArray()[0]!["size_bytes"]!);
        // Serializes: infinity would throw in System.Text.Json.
        Assert.Contains("\"best_epsilon\": \"inf\"", json.ToJsonString(new() { WriteIndented = true }));
    }

    /// <summary>A finished label-DP sweep with a summary, two tables (one ragged, one empty) and two artifacts.</summary>
    internal static AnalysisResult Sweep()
    {
        var sweep = new AnalysisResult
        {
            JobId = "job_sweep0001",
            Kind = AnalysisKind.LabelDpSweep,
            Status = JobStatus.Succeeded,
            Seed = 7,
            Notes = "quick profile on two cores",
            CreatedAt = Timestamp.FromDateTime(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)),
            FinishedAt = Timestamp.FromDateTime(new DateTime(2026, 1, 2, 3, 34, 5, DateTimeKind.Utc)),
        };
        sweep.Parameters.Add("epsilons", "0.5,1,inf");
        sweep.Parameters.Add("profile", "quick");
        sweep.Summary.Add("baseline_accuracy", 0.975);
        sweep.Summary.Add("best_epsilon", double.PositiveInfinity);
        sweep.Summary.Add("lp1st_accuracy_eps_1", 0.81);
        sweep.Summary.Add("lp2st_accuracy_eps_1", 0.86);
        sweep.Summary.Add("lp2st_minus_lp1st_eps_1", 0.05);
        sweep.Summary.Add("lp2st_minus_lp1st_eps_2", -0.012);
        var table = new ResultTable { Name = "accuracy by epsilon", Columns = { "epsilon", "method", "accuracy" } };
        table.Rows.Add(new ResultTableRow { Cells = { "0.5", "LP-2ST", "0.71 +- 0.02" } });
        // A ragged row still shows, padded.
        table.Rows.Add(new ResultTableRow { Cells = { "inf" } });
        sweep.Tables.Add(table);
        var empty = new ResultTable { Name = "(no method)" };
        sweep.Tables.Add(empty);
        sweep.Artifacts.Add(new Artifact { Name = "accuracy-vs-epsilon.png", SizeBytes = 12288, Sha256 = new string('a', 64), ContentType = "image/png" });
        sweep.Artifacts.Add(new Artifact { Name = "accuracy-vs-epsilon.csv", SizeBytes = 300, Sha256 = new string('b', 64), ContentType = "text/csv" });
        return sweep;
    }
}
