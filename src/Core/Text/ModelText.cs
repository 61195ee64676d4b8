using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Contest.Core.Text;

/// <summary>
/// Makes text that came from an uploaded model (an exception it raised, something it printed) safe to
/// store and show: terminal escape sequences, control and invisible formatting characters (bidi
/// overrides, zero-width joiners) removed, runs of whitespace folded to one space, and the length
/// capped. Such text is still the model's words: it is shown only to the model's team and organizers.
/// </summary>
public static partial class ModelText
{
    /// <summary>The most characters of a model's message that are kept.</summary>
    public const int MaxMessageLength = 1000;

    /// <summary>The most characters of a progress message that are kept.</summary>
    public const int MaxProgressLength = 200;

    /// <summary>The cleaned text, at most <paramref name="maxLength"/> characters ("" for null).</summary>
    public static string Clean(string? text, int maxLength = MaxMessageLength)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var withoutEscapes = EscapeSequence().Replace(text, " ");
        var builder = new StringBuilder(Math.Min(withoutEscapes.Length, maxLength + 1));
        var pendingSpace = false;
        foreach (var rune in withoutEscapes.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
                continue;
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(rune.ToString());
            if (builder.Length > maxLength)
                break;
        }
        if (builder.Length <= maxLength)
            return builder.ToString();
        var cut = maxLength - 3;
        if (char.IsHighSurrogate(builder[cut - 1]))
            cut--;
        return builder.ToString(0, cut) + "...";
    }

    // CSI and OSC sequences (colours, cursor moves, window titles) as a terminal would read them.
    [GeneratedRegex(@"\x1B(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(\x07|\x1B\\)?|[@-Z\\-_])")]
    private static partial Regex EscapeSequence();
}
