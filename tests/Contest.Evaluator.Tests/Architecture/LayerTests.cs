using Contest.Tests.Shared;

namespace Contest.Evaluator.Tests.Architecture;

/// <summary>
/// The evaluator's folders import only downward: Hosting → Bench → Worker → Jobs →
/// {Validation, Evaluation, Analyses} → Reports → {Attacks, Data} → Runtime (docs/architecture.md). Folders of
/// one layer do not import each other.
/// </summary>
public class LayerTests
{
    private static readonly string[][] LayersTopDown =
    [
        ["(root)"],
        ["Hosting"],
        ["Bench"],
        ["Worker"],
        ["Jobs"],
        ["Validation", "Evaluation", "Analyses"],
        ["Reports"],
        ["Attacks", "Data"],
        ["Runtime"],
    ];

    private static readonly FolderGraph Evaluator = FolderGraph.Of("Evaluator", "Contest.Evaluator");

    [Fact]
    public void EvaluatorFolders_HaveNoImportCycle() => Assert.Empty(Evaluator.Cycles());

    [Fact]
    public void EvaluatorFolders_ImportOnlyLowerLayers()
    {
        var allowed = new Dictionary<string, string[]>();
        for (var i = 0; i < LayersTopDown.Length; i++)
        {
            foreach (var folder in LayersTopDown[i])
                allowed[folder] = [.. LayersTopDown.Skip(i + 1).SelectMany(l => l)];
        }

        Assert.Empty(Evaluator.NotAllowed(allowed));
    }

    [Fact]
    public void EvaluatorFiles_SitInTheFolderTheirNamespaceNames() => Assert.Empty(Evaluator.Misplaced);

    [Fact]
    public void EvaluatorFolders_AreAllInALayer() =>
        Assert.Empty(Evaluator.Imports.Keys.Except(LayersTopDown.SelectMany(l => l)));
}
