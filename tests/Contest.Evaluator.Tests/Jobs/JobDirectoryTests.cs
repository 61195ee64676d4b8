using Contest.Contracts.V1;
using Contest.Evaluator.Data;
using Contest.Evaluator.Jobs;
using Contest.Tests.Shared;

namespace Contest.Evaluator.Tests.Jobs;

public sealed class JobDirectoryTests : IDisposable
{
    private readonly TempDirectory _temp = new("jobdir");

    public void Dispose() => _temp.Dispose();

    private string HostFile(string relative, string content)
    {
        var path = _temp.Combine("cache", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private JobDirectory NewJob() => new(_temp.Combine("jobs", "job-1"));

    [Fact]
    public void Prepare_PutsOnlyThisJobsFilesUnderNeutralNames_AndNoSpecOnDisk()
    {
        var job = NewJob();
        var spec = new JobSpec { Kind = JobKind.Eligibility, Seed = 987654321, Defense = new DefenseSpec { Format = ModelFormat.Torchscript } };
        var host = new JobInputs("cpu", HostFile("blobs/abc", "model"),
            [new LocalImage("img-1", Label.Unspecified, HostFile("datasets/bird/one.jpg", "1")),
             new LocalImage("img-2", Label.Unspecified, HostFile("datasets/bicycle/two.png", "2"))],
            null,
            [new PriorAttackImage("atk-1", Label.Bird, HostFile("blobs/def", "prior"))]);

        var handoff = job.Prepare(spec, host);

        var files = Directory.EnumerateFiles(job.Path, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(job.Path, f).Replace('\\', '/')).Order().ToList();
        Assert.Equal(["in/images/000000.jpg", "in/images/000001.png", "in/model.pt", "in/prior/00000"], files);
        Assert.Equal("1", File.ReadAllText(Path.Combine(job.InputPath, "images", "000000.jpg")));
        Assert.True(Directory.Exists(job.ArtifactsPath));

        var (readSpec, inputs) = JobHandoff.Read(new MemoryStream(handoff));
        Assert.Equal(987654321, readSpec.Seed);
        Assert.Equal("in/model.pt", inputs.ModelPath);
        Assert.Equal(["in/images/000000.jpg", "in/images/000001.png"], inputs.Images.Select(i => i.Path));
        Assert.Equal(["img-1", "img-2"], inputs.Images.Select(i => i.Id));
        Assert.Equal(Label.Unspecified, inputs.PriorAttacks[0].Label);
        Assert.DoesNotContain("bird", System.Text.Encoding.UTF8.GetString(handoff), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Resolve_MakesPathsAbsoluteInsideTheFolder_AndRefusesOnesThatLeaveIt()
    {
        var job = NewJob();
        var inputs = new JobInputs("cpu", "in/model.pt", [], null, []);
        Assert.Equal(Path.Combine(job.Path, "in", "model.pt"), job.Resolve(inputs).ModelPath);

        Assert.Throws<InvalidDataException>(() => job.Resolve(inputs with { ModelPath = "../../organizer.key" }));
        Assert.Throws<InvalidDataException>(() => job.Resolve(inputs with { ModelPath = "/etc/hostname" }));
    }

    [Fact]
    public void ReadOutput_RefusesAResultThatIsALinkToAHostFile()
    {
        var job = NewJob();
        job.Prepare(new JobSpec(), new JobInputs("cpu", null, [], null, []));
        var secret = HostFile("organizer.key", "secret");
        File.CreateSymbolicLink(Path.Combine(job.OutputPath, "result.pb"), secret);

        var output = job.ReadOutput();

        Assert.Null(output.Result);
        Assert.Equal("its result file is a link, not a file", output.MalformedReason);
    }

    [Fact]
    public void ReadOutput_RefusesAnUnparsableOrOversizedResult()
    {
        var job = NewJob();
        job.Prepare(new JobSpec(), new JobInputs("cpu", null, [], null, []));
        var result = Path.Combine(job.OutputPath, "result.pb");

        File.WriteAllBytes(result, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
        Assert.Equal("its result file is not a valid result", job.ReadOutput().MalformedReason);

        using (var big = File.Create(result))
            big.SetLength(JobDirectory.MaxResultBytes + 1);
        Assert.StartsWith("its result file is 67108865 bytes, over the limit", job.ReadOutput().MalformedReason);
    }

    [Fact]
    public void ReadOutput_CleansAndCapsWhatAFailureFileSays()
    {
        var job = NewJob();
        job.Prepare(new JobSpec(), new JobInputs("cpu", null, [], null, []));
        job.WriteFailure(new JobFailure("bad\u001b[2J\r\nthing" + new string('x', 2000), false, "model\u0007 says\n" + new string('y', 5000)));

        var failure = job.ReadOutput().Failure!;

        Assert.StartsWith("bad thing", failure.Reason);
        Assert.True(failure.Reason.Length <= 500);
        Assert.StartsWith("model says y", failure.ModelMessage);
        Assert.True(failure.ModelMessage.Length <= 1000);
        Assert.DoesNotContain(failure.Reason + failure.ModelMessage, c => char.IsControl(c));
    }

    [Fact]
    public void ReadOutput_OfAFolderWithNothingSaysNothing_AndGarbageFailureIsMalformed()
    {
        var job = NewJob();
        job.Prepare(new JobSpec(), new JobInputs("cpu", null, [], null, []));
        Assert.Same(JobOutput.Nothing, job.ReadOutput());

        File.WriteAllText(Path.Combine(job.OutputPath, "failure.json"), "{ not json");
        Assert.Equal("its failure file is not valid", job.ReadOutput().MalformedReason);
    }

    [Fact]
    public void Artifacts_SkipsLinksTheJobPlanted()
    {
        var job = NewJob();
        job.Prepare(new JobSpec(), new JobInputs("cpu", null, [], null, []));
        File.WriteAllText(Path.Combine(job.ArtifactsPath, "report.csv"), "a,b");
        File.CreateSymbolicLink(Path.Combine(job.ArtifactsPath, "stolen.txt"), HostFile("contest.db", "db"));
        Directory.CreateSymbolicLink(Path.Combine(job.ArtifactsPath, "cache"), _temp.Combine("cache"));

        Assert.Equal(["report.csv"], job.Artifacts().Select(a => a.Name));
    }

    [Fact]
    public void ProcessOutputTail_IsTheCleanedEndOfWhatTheJobPrinted()
    {
        var job = NewJob();
        job.Prepare(new JobSpec(), new JobInputs("cpu", null, [], null, []));
        File.WriteAllText(job.ProcessOutputPath, new string('a', 20_000) + "\nlast words\u001b[0m\n");

        var tail = job.ReadProcessOutputTail();

        Assert.EndsWith("last words", tail);
        Assert.True(tail.Length <= 1000);
    }
}
