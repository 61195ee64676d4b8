using Contest.Contracts.V1;

namespace Contest.Evaluator.Evaluation;

/// <summary>Words used in report titles.</summary>
internal static class Names
{
    public static string Of(Profile profile) => profile == Profile.Quick ? "quick" : "standard";
}
