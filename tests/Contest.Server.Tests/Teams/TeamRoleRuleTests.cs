using Contest.Contracts.V1;
using Contest.Server.Teams;

namespace Contest.Server.Tests.Teams;

public class TeamRoleRuleTests
{
    [Theory]
    [InlineData(Role.Defender)]
    [InlineData(Role.Attacker)]
    [InlineData(Role.Organizer)]
    public void Problem_WorkerCombinedWithAnotherRole_IsRefusedSayingWhy(Role other) =>
        Assert.Contains("worker role stands alone", TeamRoleRule.Problem([Role.Worker, other]));

    [Fact]
    public void Problem_WorkerAlone_OrParticipantRolesTogether_IsNone()
    {
        Assert.Null(TeamRoleRule.Problem([Role.Worker]));
        Assert.Null(TeamRoleRule.Problem([Role.Defender, Role.Attacker, Role.Reviewer]));
    }

    [Fact]
    public void Problem_NoRoleOrAnUnknownOne_IsRefused()
    {
        Assert.NotNull(TeamRoleRule.Problem([]));
        Assert.NotNull(TeamRoleRule.Problem([Role.Unspecified]));
    }
}
