using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Tests.Shared;
using Grpc.Core;

namespace Contest.FunctionalTests.Api;

public class DatasetTests
{
    [Fact]
    public async Task Download_WritesAnImageFolderLayout_AndIsResumableByFile()
    {
        await using var server = await TestServer.StartAsync();
        using var temp = new TempDirectory();
        var cli = new CliRunner(server);
        var key = await server.CreateTeamAsync("defenders", Role.Defender);
        await WaitForDatasetAsync(server, key);

        var first = await cli.JsonAsync(key, "dataset", "download", "--split", "test", "--out", temp.Combine("test"));
        var victim = Directory.GetFiles(temp.Combine("test", "bird"))[0];
        File.WriteAllText(victim, "damaged");
        var second = await cli.JsonAsync(key, "dataset", "download", "--split", "test", "--out", temp.Combine("test"));

        Assert.Equal((8, 8, 0), ((int)first["files"]!, (int)first["downloaded"]!, (int)first["kept"]!));
        Assert.Equal((1, 7), ((int)second["downloaded"]!, (int)second["kept"]!));
        Assert.Equal(4, Directory.GetFiles(temp.Combine("test", "bicycle"), "*.jpg").Length);
        Assert.Equal(4, Directory.GetFiles(temp.Combine("test", "bird"), "*.jpg").Length);
        Assert.NotEqual("damaged", File.ReadAllText(victim));
    }

    [Fact]
    public async Task EligibilitySplit_IsHiddenFromTeamsAndWorkers_ButServedToOrganizers()
    {
        await using var server = await TestServer.StartAsync();
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        var worker = await server.CreateTeamAsync("workers", Role.Worker);
        await WaitForDatasetAsync(server, defender);
        var datasets = new DatasetService.DatasetServiceClient(server.Invoker(defender));
        var workerDatasets = new DatasetService.DatasetServiceClient(server.Invoker(worker));
        var organizer = new DatasetService.DatasetServiceClient(server.Invoker(server.OrganizerKey));

        var info = await datasets.GetDatasetAsync(new GetDatasetRequest());
        var hidden = await Assert.ThrowsAsync<RpcException>(async () =>
            await datasets.ListFilesAsync(new ListDatasetFilesRequest { Split = "eligibility" }));
        var asWorker = await Assert.ThrowsAsync<RpcException>(async () =>
            await workerDatasets.ListFilesAsync(new ListDatasetFilesRequest { Split = "eligibility" }));
        var workerDownload = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = workerDatasets.DownloadFile(new DownloadDatasetFileRequest { Split = "eligibility", Path = "bird/0.jpg" });
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });
        var asOrganizer = await organizer.ListFilesAsync(new ListDatasetFilesRequest { Split = "eligibility" });
        var organizerInfo = await organizer.GetDatasetAsync(new GetDatasetRequest());

        Assert.Equal("synthetic", info.Source);
        Assert.False(info.Splits.Single(s => s.Name == "eligibility").Downloadable);
        Assert.True(info.Splits.Single(s => s.Name == "train").Downloadable);
        Assert.True(organizerInfo.Splits.Single(s => s.Name == "eligibility").Downloadable);
        Assert.Equal(StatusCode.PermissionDenied, hidden.StatusCode);
        Assert.Contains("only organizers", hidden.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, asWorker.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, workerDownload.StatusCode);
        Assert.Equal(8, asOrganizer.Files.Count);
    }

    [Fact]
    public async Task EligibilitySeed_IsPrivateAndKeptAcrossRestarts()
    {
        using var data = new TempDirectory("contest-seed");
        await using (var first = await TestServer.StartAsync(data.Path))
            await WaitForDatasetAsync(first, first.OrganizerKey);
        var seedFile = Path.Combine(data.Path, "datasets", "synthetic", "eligibility.seed");
        var seed = File.ReadAllText(seedFile);

        await using var second = await TestServer.StartAsync(data.Path);
        await WaitForDatasetAsync(second, second.OrganizerKey);

        Assert.Equal(seed, File.ReadAllText(seedFile));
        Assert.NotEqual("2018", seed);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(seedFile));
    }

    internal static Task WaitForDatasetAsync(TestServer server, string key) => server.DatasetReady.WaitAsync(TimeSpan.FromMinutes(1));
}
