using System.Text.Json;
using Contest.Core.Text;

namespace Contest.Evaluator.Jobs;

/// <summary>
/// A progress report from a job process to its host, one line on standard output:
/// <c>@@progress {"Phase":...,"Done":...,"Total":...,"ForwardImages":...,"Message":...}</c>, written on a channel of its own (see OutputCapture).
/// </summary>
/// <param name="Phase">What the job is doing, e.g. "clean" or "loading the model".</param>
/// <param name="Done">Items finished in this phase.</param>
/// <param name="Total">Items in this phase (0 when unknown).</param>
/// <param name="ForwardImages">Images passed through the model so far in this phase.</param>
/// <param name="Message">Free text.</param>
public sealed record ProgressLine(string Phase, long Done, long Total, long ForwardImages, string Message)
{
    public const string Prefix = "@@progress ";

    public string Format() => Prefix + JsonSerializer.Serialize(this);

    public static bool TryParse(string line, out ProgressLine progress)
    {
        progress = null!;
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        try
        {
            var parsed = JsonSerializer.Deserialize<ProgressLine>(line.AsSpan(Prefix.Length));
            if (parsed is null)
                return false;
            // The host trusts no length from the job: phase and message are cleaned and capped.
            progress = parsed with
            {
                Phase = ModelText.Clean(parsed.Phase, 80),
                Message = ModelText.Clean(parsed.Message, ModelText.MaxProgressLength),
            };
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
