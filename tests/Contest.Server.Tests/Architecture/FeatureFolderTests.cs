using Contest.Tests.Shared;

namespace Contest.Server.Tests.Architecture;

/// <summary>
/// The server's feature folders depend on each other only as docs/architecture.md draws it: shared
/// pieces (Infrastructure, Auth, Audit, Notifications, the job queue) below the features, a feature
/// that needs something of a higher one declares a small interface (a port) the higher one implements,
/// and Hosting wires everything. A new arrow here is a design change: update the table and the doc.
/// </summary>
public class FeatureFolderTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["(root)"] = ["Hosting"],
        ["Infrastructure"] = [],
        ["Auth"] = ["Infrastructure"],
        ["Audit"] = ["Auth", "Infrastructure"],
        ["Notifications"] = ["Auth", "Infrastructure"],
        ["Jobs"] = ["Auth", "Infrastructure", "Notifications"],
        ["Datasets"] = ["Auth", "Infrastructure", "Jobs"],
        ["Teams"] = ["Audit", "Auth", "Infrastructure"],
        ["Admin"] = ["Audit", "Auth", "Infrastructure"],
        ["Workers"] = ["Audit", "Auth", "Datasets", "Infrastructure", "Jobs"],
        ["Defenses"] = ["Audit", "Auth", "Datasets", "Infrastructure", "Jobs", "Notifications"],
        ["Evaluations"] = ["Auth", "Defenses", "Infrastructure", "Jobs", "Quotas"],
        ["Attacks"] = ["Auth", "Defenses", "Infrastructure", "Jobs", "Notifications"],
        ["Quotas"] = ["Attacks", "Auth", "Defenses", "Infrastructure", "Jobs"],
        ["Review"] = ["Attacks", "Audit", "Auth", "Defenses", "Infrastructure", "Notifications"],
        ["Rounds"] = ["Attacks", "Audit", "Auth", "Defenses", "Infrastructure", "Jobs", "Notifications", "Review"],
        ["Leaderboards"] = ["Attacks", "Auth", "Defenses", "Infrastructure", "Jobs", "Rounds"],
        ["Analyses"] = ["Audit", "Auth", "Infrastructure", "Jobs", "Teams"],
        ["References"] = ["Analyses", "Audit", "Auth", "Datasets", "Defenses", "Evaluations", "Infrastructure", "Jobs", "Leaderboards", "Teams"],
        ["Hosting"] =
        [
            "Admin", "Analyses", "Attacks", "Audit", "Auth", "Datasets", "Defenses", "Evaluations", "Infrastructure", "Jobs", "Leaderboards",
            "Notifications", "Quotas", "References", "Review", "Rounds", "Teams", "Workers",
        ],
    };

    private static readonly FolderGraph Server = FolderGraph.Of("Server", "Contest.Server");

    [Fact]
    public void ServerFolders_HaveNoImportCycle() => Assert.Empty(Server.Cycles());

    [Fact]
    public void ServerFolders_ImportOnlyWhatTheArchitectureAllows() => Assert.Empty(Server.NotAllowed(Allowed));

    [Fact]
    public void ServerFiles_SitInTheFolderTheirNamespaceNames() => Assert.Empty(Server.Misplaced);

    [Fact]
    public void ServerFolders_AreTheDocumentedOnes() =>
        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), Server.Imports.Keys.Order(StringComparer.Ordinal));
}
