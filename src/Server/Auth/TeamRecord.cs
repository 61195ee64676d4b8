using Contest.Contracts.V1;

namespace Contest.Server.Auth;

/// <summary>A team and its roles.</summary>
internal sealed class TeamRecord
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Lower-cased name, uniquely indexed so names differ in more than case.</summary>
    public string NameKey { get; set; } = "";

    public List<Role> Roles { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    /// <summary>Built-in teams (organizers, local workers, baselines) that users did not create.</summary>
    public bool System { get; set; }
}
