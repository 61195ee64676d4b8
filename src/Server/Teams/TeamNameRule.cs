using System.Text.RegularExpressions;

namespace Contest.Server.Teams;

/// <summary>What a team name may look like: 1-64 letters, digits, spaces, '.', '_' or '-'.</summary>
internal static partial class TeamNameRule
{
    public static string? Problem(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return "a team needs a name.";
        if (name.Length > 64)
            return $"a team name has at most 64 characters; this one has {name.Length}.";
        if (!Allowed().IsMatch(name))
            return $"team name '{name}' may contain only letters, digits, spaces, '.', '_' and '-', and must start with a letter or digit.";
        return null;
    }

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} ._-]*$")]
    private static partial Regex Allowed();
}
