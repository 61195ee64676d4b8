namespace Contest.Server.Infrastructure.Storage;

/// <summary>Checks for the hex SHA-256 strings used as blob names and integrity claims.</summary>
internal static class Sha256Text
{
    public static bool IsValid(string? text) =>
        text is { Length: 64 } && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
