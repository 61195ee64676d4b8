using Contest.Contracts.V1;
using Contest.Core.Text;

namespace Contest.Server.Workers;

/// <summary>
/// Cleans and caps every text a worker sends before it is stored, although the worker already does:
/// a worker runs hostile models, and what they said must not reach a screen as escape sequences or
/// pages of output. Model messages stay apart from reasons; both are cut to a readable length.
/// </summary>
internal static class WorkerText
{
    /// <summary>The most characters of a reason (a failure's category and its short account) that are kept.</summary>
    public const int MaxReasonLength = 500;

    private const int MaxLabelLength = 100;

    public static string Reason(string? text) => ModelText.Clean(text, MaxReasonLength);

    public static string ModelMessage(string? text) => ModelText.Clean(text, ModelText.MaxMessageLength);

    /// <summary>A heartbeat's progress with its phase and message cleaned (null stays null).</summary>
    public static JobProgress? Progress(JobProgress? progress)
    {
        if (progress is null)
            return null;
        var cleaned = progress.Clone();
        cleaned.Phase = ModelText.Clean(progress.Phase, MaxLabelLength);
        cleaned.Message = ModelText.Clean(progress.Message, ModelText.MaxProgressLength);
        return cleaned;
    }

    /// <summary>Cleans, in place, the texts of a result that the server stores and shows.</summary>
    public static void Clean(CompleteJobRequest result)
    {
        if (result.Validation is { } validation)
        {
            validation.Reason = Reason(validation.Reason);
            validation.ModelMessage = ModelMessage(validation.ModelMessage);
            validation.Device = ModelText.Clean(validation.Device, MaxLabelLength);
            foreach (var check in validation.Checks)
            {
                check.Name = ModelText.Clean(check.Name, MaxLabelLength);
                check.Detail = Reason(check.Detail);
            }
        }
        if (result.Eligibility is { } eligibility)
            eligibility.Device = ModelText.Clean(eligibility.Device, MaxLabelLength);
    }
}
