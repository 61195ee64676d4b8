using Contest.Contracts.V1;

namespace Contest.Server.Auth;

/// <summary>How other records name a team in the API.</summary>
internal static class TeamRefs
{
    /// <summary>The team's id and name (the name empty when the team is gone).</summary>
    public static TeamRef ToRef(this TeamRecord? team, string teamId) => new() { Id = teamId, Name = team?.Name ?? "" };
}
