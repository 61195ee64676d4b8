using Contest.Contracts.V1;
using Contest.Server.Defenses;

namespace Contest.Server.Tests.Defenses;

public class WinnerRuleTests
{
    private static readonly DateTime Staked = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void StakeInfo_89DaysAndSomeHoursUnbroken_IsNotYetAWinner()
    {
        var info = new StakeState { Staked = true, StakedAt = Staked }.ToProto(Staked.AddDays(90).AddSeconds(-1));

        Assert.Equal((StakeStatus.Unbroken, 89, false), (info.Status, info.DaysUnbroken, info.WinnerCandidate));
    }

    [Fact]
    public void StakeInfo_90WholeDaysUnbroken_IsAWinnerCandidate()
    {
        var info = new StakeState { Staked = true, StakedAt = Staked }.ToProto(Staked.AddDays(90));

        Assert.Equal((StakeStatus.Unbroken, 90, true), (info.Status, info.DaysUnbroken, info.WinnerCandidate));
    }

    [Fact]
    public void StakeInfo_BrokenAfter100Days_IsNoWinner_AndItsDaysStopAtTheBreak()
    {
        var stake = new StakeState { Staked = true, StakedAt = Staked, BrokenAt = Staked.AddDays(100.5), BrokenByAttackId = "atk_x" };

        var info = stake.ToProto(Staked.AddDays(400));

        Assert.Equal((StakeStatus.Broken, 100, false), (info.Status, info.DaysUnbroken, info.WinnerCandidate));
    }

    [Fact]
    public void StakeInfo_NotStaked_SaysSo() =>
        Assert.Equal(StakeStatus.NotStaked, new StakeState().ToProto(Staked).Status);

    [Fact]
    public void DaysUnbroken_NeverNegative() => Assert.Equal(0, WinnerRule.DaysUnbroken(Staked, null, Staked.AddDays(-3)));
}
