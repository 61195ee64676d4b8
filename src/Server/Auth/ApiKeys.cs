using System.Security.Cryptography;
using System.Text;

namespace Contest.Server.Auth;

/// <summary>
/// API key format and hashing. A key is "ck_" followed by 43 base64url characters (256 random
/// bits). Only its SHA-256 is stored: with that much entropy a fast hash is as safe as a slow one.
/// </summary>
internal static class ApiKeys
{
    public const string KeyPrefix = "ck_";
    private const int PrefixLength = 11;

    /// <summary>A new random key.</summary>
    public static string Generate()
    {
        Span<byte> secret = stackalloc byte[32];
        RandomNumberGenerator.Fill(secret);
        return KeyPrefix + Convert.ToBase64String(secret).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The part shown in listings.</summary>
    public static string DisplayPrefix(string key) => key.Length <= PrefixLength ? key : key[..PrefixLength];

    /// <summary>Whether the text has the shape of a key (before any lookup).</summary>
    public static bool LooksLikeKey(string key) =>
        key.StartsWith(KeyPrefix, StringComparison.Ordinal) && key.Length is > 3 and <= 128;
}
