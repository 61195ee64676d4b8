namespace Contest.Server.Auth;

/// <summary>An API key, stored only as the SHA-256 of the secret.</summary>
internal sealed class ApiKeyRecord
{
    public string Id { get; set; } = "";

    public string TeamId { get; set; } = "";

    /// <summary>Lowercase hex SHA-256 of the whole key (uniquely indexed).</summary>
    public string Hash { get; set; } = "";

    /// <summary>The first characters of the key, for recognising it in listings.</summary>
    public string Prefix { get; set; } = "";

    public string Label { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}
