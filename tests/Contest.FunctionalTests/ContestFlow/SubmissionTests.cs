using Contest.Tests.Shared;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Google.Protobuf;
using Grpc.Core;
using SkiaSharp;

namespace Contest.FunctionalTests.ContestFlow;

public class SubmissionTests
{
    [Fact]
    public async Task FiftyConcurrentSubmissions_AgainstAQuotaOfTen_LeaveExactlyTen()
    {
        await using var contest = await ContestScenario.StartAsync("--daily-attack-quota", "10");
        var defender = await contest.Server.CreateTeamAsync("defenders", Role.Defender);
        var attacker = await contest.Server.CreateTeamAsync("attackers", Role.Attacker);
        var defense = await contest.EligibleDefenseAsync(defender, "tiny_cnn.onnx", "target");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            try
            {
                await contest.SubmitAsync(attacker, TestImages.Png(1000 + i), Label.Bird, defense.Id);
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        }));

        Assert.Equal(10, outcomes.Count(o => o == StatusCode.OK));
        Assert.Equal(40, outcomes.Count(o => o == StatusCode.ResourceExhausted));
        var quota = await new AttackService.AttackServiceClient(contest.Server.Invoker(attacker)).GetQuotaAsync(new GetQuotaRequest());
        Assert.Equal((10, 10, 0), (quota.Limit, quota.Used, quota.Remaining));
    }

    public static TheoryData<string, byte[], string> MalformedImages() => new()
    {
        { "wrong size", TestImages.Png(1, 200, 224), "must be exactly 224x224" },
        { "grayscale", TestImages.Png(1, colorType: SKColorType.Gray8), "grayscale" },
        { "alpha channel", TestImages.Png(1, colorType: SKColorType.Rgba8888, alpha: SKAlphaType.Unpremul), "alpha channel" },
        { "16-bit", SixteenBit(), "16 bits per channel" },
        { "truncated", TestImages.Png(1)[..600], "truncated" },
        { "corrupt", Corrupt(TestImages.Png(1)), "corrupt" },
        { "not an image", "hello, world"u8.ToArray(), "neither a PNG nor a JPEG" },
        { "decompression bomb", Bomb(), "refused before decoding" },
        { "empty", [], "empty" },
    };

    [Theory]
    [MemberData(nameof(MalformedImages))]
    public async Task MalformedImage_RefusedWithItsReason_NothingStoredNothingCounted(string kind, byte[] image, string reason)
    {
        await using var contest = await ContestScenario.StartAsync();
        var defender = await contest.Server.CreateTeamAsync("defenders", Role.Defender);
        var attacker = await contest.Server.CreateTeamAsync("attackers", Role.Attacker);
        var defense = await contest.EligibleDefenseAsync(defender, "tiny_cnn.onnx", "target");
        var blobsBefore = Uploads.CountFiles(contest.Server.DataDirectory).Blobs;

        var error = await Assert.ThrowsAsync<RpcException>(() => contest.SubmitAsync(attacker, image, Label.Bird, defense.Id));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(reason, error.Status.Detail);
        Assert.Equal(blobsBefore, Uploads.CountFiles(contest.Server.DataDirectory).Blobs);
        var attacks = new AttackService.AttackServiceClient(contest.Server.Invoker(attacker));
        Assert.Empty((await attacks.ListAttacksAsync(new ListAttacksRequest())).Attacks);
        Assert.Equal(0, (await attacks.GetQuotaAsync(new GetQuotaRequest())).Used);
        _ = kind;
    }

    [Fact]
    public async Task BadClaimsAndTargets_RefusedPrecisely()
    {
        await using var contest = await ContestScenario.StartAsync();
        var defender = await contest.Server.CreateTeamAsync("defenders", Role.Defender);
        var attacker = await contest.Server.CreateTeamAsync("attackers", Role.Attacker);
        var defense = await contest.EligibleDefenseAsync(defender, "tiny_cnn.onnx", "target");
        var attacks = new AttackService.AttackServiceClient(contest.Server.Invoker(attacker));

        var noClaim = await Assert.ThrowsAsync<RpcException>(() => contest.SubmitAsync(attacker, TestImages.Png(5), Label.Unspecified, defense.Id));
        var unknown = await Assert.ThrowsAsync<RpcException>(() => contest.SubmitAsync(attacker, TestImages.Png(5), Label.Bird, "def_nothere"));
        await contest.Server.Defenses(defender).WithdrawDefenseAsync(new WithdrawDefenseRequest { DefenseId = defense.Id });
        var withdrawn = await Assert.ThrowsAsync<RpcException>(() => contest.SubmitAsync(attacker, TestImages.Png(5), Label.Bird, defense.Id));

        Assert.Contains("bird or bicycle", noClaim.Status.Detail);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("withdrawn", withdrawn.Status.Detail);
        Assert.Empty((await attacks.ListAttacksAsync(new ListAttacksRequest())).Attacks);
    }

    [Fact]
    public async Task Jpeg_AcceptedWithAWarningAboutCompression()
    {
        await using var contest = await ContestScenario.StartAsync();
        var defender = await contest.Server.CreateTeamAsync("defenders", Role.Defender);
        var attacker = await contest.Server.CreateTeamAsync("attackers", Role.Attacker);
        var defense = await contest.EligibleDefenseAsync(defender, "tiny_cnn.onnx", "target");

        var attack = await contest.SubmitAsync(attacker, TestImages.Jpeg(9), Label.Bird, defense.Id);

        Assert.Contains(attack.Warnings, w => w.Contains("JPEG compression changes pixels"));
        Assert.Equal(AttackStatus.NotCandidate, attack.Status);
    }

    private static byte[] Corrupt(byte[] png)
    {
        var copy = (byte[])png.Clone();
        for (var i = 60; i < copy.Length - 20; i += 7)
            copy[i] ^= 0x5A;
        return copy;
    }

    // SkiaSharp writes no 16-bit PNGs; a header saying 16 bits is what the check reads first.
    private static byte[] SixteenBit()
    {
        var png = TestImages.Png(1);
        png[24] = 16;
        return png;
    }

    // A valid PNG header that claims 30000 x 30000 pixels.
    private static byte[] Bomb()
    {
        var png = TestImages.Png(1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), 30000);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), 30000);
        return png;
    }
}
