using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Server.Infrastructure;

namespace Contest.Server.Analyses;

/// <summary>
/// The analyses this server runs, and a request checked as its worker will read it: the kind, the
/// inputs that kind takes, and its settings (<see cref="LabelDpSweepSettings.From"/>, which the worker
/// calls too). Each refusal says what to change.
/// </summary>
internal static class AnalysisRequests
{
    /// <summary>The kinds <c>RunAnalysis</c> accepts.</summary>
    public static IReadOnlyList<AnalysisKind> AvailableKinds { get; } = [AnalysisKind.LabelDpSweep];

    /// <summary>The sweep's settings, or InvalidArgument (Unimplemented for a kind this server does not run yet).</summary>
    public static LabelDpSweepSettings Check(RunAnalysisRequest request)
    {
        CheckKind(request.Kind);
        var kind = Words.Of(request.Kind);
        // The sweep trains its own models on the dataset: nothing of a team's goes in.
        if (request.DefenseIds.Count > 0)
            throw RpcErrors.InvalidArgument($"the {kind} analysis takes no defenses (it trains its own models); send no defense ids.");
        if (!request.Image.IsEmpty)
            throw RpcErrors.InvalidArgument($"the {kind} analysis takes no input image; send none.");
        try
        {
            return LabelDpSweepSettings.From(request.Parameters, request.Seed);
        }
        catch (ArgumentException e)
        {
            throw RpcErrors.InvalidArgument($"cannot run the {kind} analysis: {e.Message}");
        }
    }

    private static void CheckKind(AnalysisKind kind)
    {
        if (AvailableKinds.Contains(kind))
            return;
        var available = Words.Join(AvailableKinds, ", ");
        if (kind == AnalysisKind.Unspecified)
            throw RpcErrors.InvalidArgument($"name an analysis kind; this server runs: {available}.");
        if (!Enum.IsDefined(kind))
            throw RpcErrors.InvalidArgument($"unknown analysis kind {(int)kind}; this server runs: {available}.");
        throw RpcErrors.Unimplemented($"the {Words.Of(kind)} analysis is not available on this server yet; it runs: {available}.");
    }
}
