using System.IO.Compression;
using System.Security.Cryptography;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Tests.Shared;
using Grpc.Core;

namespace Contest.FunctionalTests.Api;

public class DefenseUploadTests
{
    [Theory]
    [InlineData("tiny_cnn_scripted.pt", ModelFormat.Torchscript)]
    [InlineData("tiny_cnn_traced.pt", ModelFormat.Torchscript)]
    [InlineData("normalized_wrapper_scripted.pt", ModelFormat.Torchscript)]
    [InlineData("squeezenet1_1_scripted.pt", ModelFormat.Torchscript)]
    [InlineData("tiny_cnn.onnx", ModelFormat.Onnx)]
    public async Task Upload_GoodFixture_StoredWithHashAndFormat(string file, ModelFormat format)
    {
        await using var server = await TestServer.StartAsync();
        var key = await server.CreateTeamAsync("defenders", Role.Defender);
        var path = TestPaths.GoodDefense(file);

        var defense = await Uploads.UploadAsync(server.Defenses(key), path, file);

        Assert.Equal(format, defense.Format);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), defense.Sha256);
        Assert.Equal(new FileInfo(path).Length, defense.SizeBytes);
        var listed = await server.Defenses(key).ListDefensesAsync(new ListDefensesRequest());
        Assert.Equal(defense.Id, Assert.Single(listed.Defenses).Id);
    }

    [Fact]
    public async Task Upload_StateDictCheckpoint_RefusedWithExportHintAndNothingStored()
    {
        await using var server = await TestServer.StartAsync();
        var key = await server.CreateTeamAsync("defenders", Role.Defender);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Uploads.UploadAsync(server.Defenses(key), TestPaths.BadDefense("state_dict_checkpoint.pt"), "weights"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("weights-only checkpoint", error.Status.Detail);
        Assert.Contains("torch.jit.script(model).save", error.Status.Detail);
        await AssertNothingStoredAsync(server, key);
    }

    [Fact]
    public async Task Upload_NativeModel_RefusedSayingOnlyTheServerMakesThemAndNothingStored()
    {
        await using var server = await TestServer.StartAsync();
        var key = await server.CreateTeamAsync("defenders", Role.Defender);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in new[] { "contest-model.json", "weights.bin" })
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write("{}"u8);
            }
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => Uploads.UploadBytesAsync(server.Defenses(key), zip.ToArray(), "native"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("native models are made by the server's reference training; upload TorchScript or ONNX", error.Status.Detail);
        await AssertNothingStoredAsync(server, key);
    }

    [Fact]
    public async Task Upload_Truncated_RefusedAndNothingStored()
    {
        await using var server = await TestServer.StartAsync();
        var key = await server.CreateTeamAsync("defenders", Role.Defender);
        var bytes = File.ReadAllBytes(TestPaths.GoodDefense("tiny_cnn_scripted.pt"));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Uploads.UploadBytesAsync(server.Defenses(key), bytes[..50_000], "cut", claimedSize: bytes.Length,
                claimedSha256: Convert.ToHexStringLower(SHA256.HashData(bytes))));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("truncated upload", error.Status.Detail);
        await AssertNothingStoredAsync(server, key);
    }

    [Fact]
    public async Task Upload_Sha256Mismatch_RefusedAndNothingStored()
    {
        await using var server = await TestServer.StartAsync();
        var key = await server.CreateTeamAsync("defenders", Role.Defender);
        var bytes = File.ReadAllBytes(TestPaths.GoodDefense("tiny_cnn_scripted.pt"));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Uploads.UploadBytesAsync(server.Defenses(key), bytes, "tampered", claimedSha256: new string('a', 64)));

        Assert.Contains("SHA-256 mismatch", error.Status.Detail);
        await AssertNothingStoredAsync(server, key);
    }

    [Fact]
    public async Task Upload_MoreBytesThanAnnounced_CutOffWhileStreamingAndNothingStored()
    {
        await using var server = await TestServer.StartAsync();
        var key = await server.CreateTeamAsync("defenders", Role.Defender);
        var bytes = File.ReadAllBytes(TestPaths.GoodDefense("squeezenet1_1_scripted.pt"));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Uploads.UploadBytesAsync(server.Defenses(key), bytes, "big", claimedSize: 1_500_000));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("more than the 1500000 bytes announced", error.Status.Detail);
        await AssertNothingStoredAsync(server, key);
    }

    [Fact]
    public async Task Upload_ClaimedSizeOverTheCap_RefusedBeforeAnyBytes()
    {
        await using var server = await TestServer.StartAsync(null, "--max-upload-bytes", "2000000");
        var key = await server.CreateTeamAsync("defenders", Role.Defender);
        var bytes = File.ReadAllBytes(TestPaths.GoodDefense("squeezenet1_1_scripted.pt"));

        var error = await Assert.ThrowsAsync<RpcException>(() => Uploads.UploadBytesAsync(server.Defenses(key), bytes, "big"));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("2000000 bytes", error.Status.Detail);
        await AssertNothingStoredAsync(server, key);
    }

    [Fact]
    public async Task Upload_StreamGrowingPastTheCap_CutOffWithResourceExhausted()
    {
        await using var server = await TestServer.StartAsync(null, "--max-upload-bytes", "2000000");
        var key = await server.CreateTeamAsync("defenders", Role.Defender);
        var bytes = File.ReadAllBytes(TestPaths.GoodDefense("squeezenet1_1_scripted.pt"));

        // A client that lies about the size and keeps sending: the cap stops it mid-stream.
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Uploads.UploadBytesAsync(server.Defenses(key), bytes, "big", claimedSize: 2_000_000));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("upload stopped at", error.Status.Detail);
        await AssertNothingStoredAsync(server, key);
    }

    [Fact]
    public async Task Upload_ChunkOverOneMiB_Refused()
    {
        await using var server = await TestServer.StartAsync();
        var key = await server.CreateTeamAsync("defenders", Role.Defender);
        var bytes = File.ReadAllBytes(TestPaths.GoodDefense("squeezenet1_1_scripted.pt"));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Uploads.UploadBytesAsync(server.Defenses(key), bytes, "big", chunkBytes: 2 << 20));

        Assert.Contains("exceeds the limit", error.Status.Detail);
        await AssertNothingStoredAsync(server, key);
    }

    [Fact]
    public async Task Upload_SameFileTwiceByOneTeam_AlreadyExistsNamingTheFirst()
    {
        await using var server = await TestServer.StartAsync();
        var key = await server.CreateTeamAsync("defenders", Role.Defender);
        var first = await Uploads.UploadAsync(server.Defenses(key), TestPaths.GoodDefense("tiny_cnn.onnx"), "first");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Uploads.UploadAsync(server.Defenses(key), TestPaths.GoodDefense("tiny_cnn.onnx"), "again"));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Contains(first.Id, error.Status.Detail);
    }

    [Fact]
    public async Task Download_OpenDefense_AnyTeamGetsTheSameBytes()
    {
        await using var server = await TestServer.StartAsync();
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        var attacker = await server.CreateTeamAsync("attackers", Role.Attacker);
        var path = TestPaths.GoodDefense("squeezenet1_1_scripted.pt");
        var defense = await Uploads.UploadAsync(server.Defenses(defender), path, "squeeze", open: true);

        var downloaded = await DownloadAsync(server.Defenses(attacker), defense.Id);

        Assert.Equal(File.ReadAllBytes(path), downloaded);
    }

    [Fact]
    public async Task Download_ClosedDefenseOfAnotherTeam_PermissionDenied()
    {
        await using var server = await TestServer.StartAsync();
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        var attacker = await server.CreateTeamAsync("attackers", Role.Attacker);
        var defense = await Uploads.UploadAsync(server.Defenses(defender), TestPaths.GoodDefense("tiny_cnn.onnx"), "closed", open: false);

        var error = await Assert.ThrowsAsync<RpcException>(() => DownloadAsync(server.Defenses(attacker), defense.Id));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(File.ReadAllBytes(TestPaths.GoodDefense("tiny_cnn.onnx")), await DownloadAsync(server.Defenses(defender), defense.Id));
    }

    [Fact]
    public async Task Withdraw_ByAnotherTeam_PermissionDenied_ByOwner_HidesItFromTheList()
    {
        await using var server = await TestServer.StartAsync();
        var owner = await server.CreateTeamAsync("owners", Role.Defender);
        var other = await server.CreateTeamAsync("others", Role.Defender);
        var defense = await Uploads.UploadAsync(server.Defenses(owner), TestPaths.GoodDefense("tiny_cnn.onnx"), "d");

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await server.Defenses(other).WithdrawDefenseAsync(new WithdrawDefenseRequest { DefenseId = defense.Id }));
        var withdrawn = await server.Defenses(owner).WithdrawDefenseAsync(new WithdrawDefenseRequest { DefenseId = defense.Id });

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.True(withdrawn.Withdrawn);
        Assert.Empty((await server.Defenses(owner).ListDefensesAsync(new ListDefensesRequest())).Defenses);
        Assert.Single((await server.Defenses(owner).ListDefensesAsync(new ListDefensesRequest { IncludeWithdrawn = true })).Defenses);
    }

    private static async Task<byte[]> DownloadAsync(DefenseService.DefenseServiceClient client, string id)
    {
        using var call = client.DownloadDefense(new DownloadDefenseRequest { DefenseId = id });
        var bytes = new MemoryStream();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
            chunk.Data.WriteTo(bytes);
        return bytes.ToArray();
    }

    private static async Task AssertNothingStoredAsync(TestServer server, string key)
    {
        var listed = await server.Defenses(key).ListDefensesAsync(new ListDefensesRequest { IncludeWithdrawn = true });
        Assert.Empty(listed.Defenses);
        Assert.Equal((0, 0), Uploads.CountFiles(server.DataDirectory));
    }
}
