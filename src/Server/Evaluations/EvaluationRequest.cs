using Contest.Contracts.V1;
using Contest.Core.Rules;
using Contest.Server.Infrastructure;
using Contest.Server.Jobs;

namespace Contest.Server.Evaluations;

/// <summary>What a defender may ask for: a known suite (clean by default), a profile (standard by default), a limit of zero or more images.</summary>
internal static class EvaluationRequest
{
    /// <summary>The suite asked for, normalized; refuses an unknown one or a negative limit.</summary>
    public static (string Suite, Profile Profile) Check(CreateEvaluationRequest request)
    {
        var suite = string.IsNullOrWhiteSpace(request.Suite) ? AttackSuites.Clean : request.Suite.Trim().ToLowerInvariant();
        if (!AttackSuites.IsKnown(suite))
            throw RpcErrors.InvalidArgument($"unknown suite '{request.Suite}'; the suites are {string.Join(" and ", AttackSuites.All)}.");
        if (request.Limit < 0)
            throw RpcErrors.InvalidArgument("limit must be zero (all images) or positive.");
        return (suite, request.Profile == Profile.Unspecified ? Profile.Standard : request.Profile);
    }

    /// <summary>The evaluation job of a defense, as an organizer's or defender's request (or the server, for a baseline) queues it.</summary>
    public static JobRecord NewJob(string defenseId, string teamId, string suite, Profile profile, int limit) => new()
    {
        Kind = JobKind.Evaluate,
        DefenseId = defenseId,
        TeamId = teamId,
        Suite = suite,
        Profile = profile,
        Limit = limit,
    };
}
