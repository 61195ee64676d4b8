using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Auth;
using Contest.Server.Tests.Support;
using Contest.Tests.Shared;
using Google.Protobuf;
using Grpc.Core;

namespace Contest.Server.Tests.Attacks;

public sealed class QuotaTests : IDisposable
{
    private readonly TestContest _contest = new(("DailyAttackQuota", "3"));

    public void Dispose() => _contest.Dispose();

    [Fact]
    public void UtcDayOf_TheLastTickOfADay_BelongsToThatDay_MidnightToTheNext()
    {
        var lastTick = new DateTime(2026, 11, 25, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999);

        Assert.Equal(new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc), QuotaRule.UtcDayOf(lastTick).End);
        Assert.Equal(new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc), QuotaRule.UtcDayOf(lastTick.AddTicks(1)).Start);
    }

    [Fact]
    public void Of_CountsOnlyTheTeamsSubmissionsOfTheCurrentUtcDay_AndResetsAtMidnight()
    {
        var team = _contest.Team("attackers", Role.Attacker);
        var other = _contest.Team("others", Role.Attacker);
        _contest.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 23, 58, 0, TimeSpan.Zero));
        _contest.Attack(team, Label.Bird);
        _contest.Clock.Advance(TimeSpan.FromMinutes(3)); // 00:01 on the 26th
        _contest.Attack(team, Label.Bird);
        _contest.Attack(other, Label.Bird);

        var quota = _contest.Get<QuotaLedger>().Of(team.TeamId);

        Assert.Equal((3, 1, 2), (quota.Limit, quota.Used, quota.Remaining));
        Assert.Equal(new DateTime(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc), quota.ResetsAt.ToDateTime());
        _contest.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(3, _contest.Get<QuotaLedger>().Of(team.TeamId).Remaining);
    }

    [Fact]
    public async Task Submit_TwentyAtOnceAgainstAQuotaOfThree_StoresExactlyThree()
    {
        var defender = _contest.Team("defenders", Role.Defender);
        var attacker = _contest.Team("attackers", Role.Attacker);
        var defense = _contest.Defense(defender);
        await using var worker = new AnsweringWorker(_contest, _ => [0f, 9f]);
        var submitter = _contest.Get<AttackSubmitter>();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            try
            {
                await submitter.SubmitAsync(attacker, Request(i, defense.Id), CancellationToken.None).WaitAsync(Safety.Timeout);
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        })));

        Assert.Equal(3, outcomes.Count(o => o == StatusCode.OK));
        Assert.Equal(17, outcomes.Count(o => o == StatusCode.ResourceExhausted));
        Assert.Equal(3, _contest.Get<AttackStore>().CountSubmitted(attacker.TeamId, DateTime.MinValue, DateTime.MaxValue));
        Assert.Equal(0, _contest.Get<QuotaLedger>().Of(attacker.TeamId).Remaining);
    }

    internal static SubmitAttackRequest Request(int seed, params string[] targets)
    {
        var request = new SubmitAttackRequest { Image = ByteString.CopyFrom(TestImages.Png(seed)), ClaimedLabel = Label.Bird };
        request.TargetDefenseIds.AddRange(targets);
        return request;
    }
}
