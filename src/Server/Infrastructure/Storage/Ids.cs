using System.Security.Cryptography;

namespace Contest.Server.Infrastructure.Storage;

/// <summary>
/// Record identifiers: a short kind prefix and ten random base-32 characters (about 50 bits), for
/// example "def_k3m9x2q7ha". Readable in a terminal, safe in file names and URLs.
/// </summary>
internal static class Ids
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private const int RandomLength = 10;

    public static string New(string prefix)
    {
        Span<byte> random = stackalloc byte[RandomLength];
        RandomNumberGenerator.Fill(random);
        Span<char> chars = stackalloc char[RandomLength];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = Alphabet[random[i] % Alphabet.Length];
        return $"{prefix}_{chars}";
    }

    /// <summary>Whether <paramref name="id"/> has the shape <see cref="New"/> gives ids of this prefix (no lookup).</summary>
    public static bool IsWellFormed(string prefix, string? id) =>
        id is not null &&
        id.Length == prefix.Length + 1 + RandomLength &&
        id.StartsWith(prefix, StringComparison.Ordinal) &&
        id[prefix.Length] == '_' &&
        id.AsSpan(prefix.Length + 1).IndexOfAnyExcept(Alphabet) < 0;

    /// <summary>
    /// Refuses, before anything is looked up, an id that cannot be one of this kind: InvalidArgument
    /// "not a job id" (<paramref name="what"/> names the kind as people read it).
    /// </summary>
    public static string Require(string prefix, string? id, string what) =>
        IsWellFormed(prefix, id)
            ? id!
            : throw RpcErrors.InvalidArgument(
                $"'{Shown(id)}' is not a {what} id ({what} ids look like {prefix}_ followed by {RandomLength} letters and digits).");

    // What the caller sent, short enough to print whatever they sent.
    private static string Shown(string? id) =>
        id is null ? "" : id.Length <= 40 ? id : string.Concat(id.AsSpan(0, 40), "…");
}
