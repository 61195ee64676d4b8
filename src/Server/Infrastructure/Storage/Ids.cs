using System.Security.Cryptography;

namespace Contest.Server.Infrastructure.Storage;

/// <summary>
/// Record identifiers: a short kind prefix and ten random base-32 characters (about 50 bits), for
/// example "def_k3m9x2q7ha". Readable in a terminal, safe in file names and URLs.
/// </summary>
internal static class Ids
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static string New(string prefix)
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        Span<char> chars = stackalloc char[10];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = Alphabet[random[i] % Alphabet.Length];
        return $"{prefix}_{chars}";
    }
}
