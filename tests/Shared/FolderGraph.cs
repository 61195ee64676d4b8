using System.Text.RegularExpressions;

namespace Contest.Tests.Shared;

/// <summary>
/// Which top-level folders of a project import which, read from the sources: a file in folder A
/// imports folder B when it has <c>using Contest.Project.B</c> (plain, static or aliased) or names a
/// type as <c>Contest.Project.B.Something</c>. Top-level namespaces must match folders for this to
/// see every dependency, so that is checked too.
/// </summary>
internal sealed partial class FolderGraph
{
    private FolderGraph(IReadOnlyDictionary<string, IReadOnlySet<string>> imports, IReadOnlyList<string> misplaced)
    {
        Imports = imports;
        Misplaced = misplaced;
    }

    /// <summary>Folder to the folders it imports ("(root)" for files at the project's root).</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Imports { get; }

    /// <summary>Files whose namespace does not start with their top-level folder's.</summary>
    public IReadOnlyList<string> Misplaced { get; }

    /// <summary>Reads every .cs file under src/<paramref name="project"/> (bin and obj excluded).</summary>
    public static FolderGraph Of(string project, string rootNamespace)
    {
        var root = Path.Combine(TestPaths.RepositoryRoot, "src", project);
        var imports = new Dictionary<string, HashSet<string>>();
        var misplaced = new List<string>();
        var reference = new Regex(@"\b" + Regex.Escape(rootNamespace) + @"\.(\w+)\b");
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal))
                continue;
            var folder = relative.Contains('/') ? relative[..relative.IndexOf('/')] : "(root)";
            var targets = imports.TryGetValue(folder, out var set) ? set : imports[folder] = [];
            foreach (var line in File.ReadLines(file))
            {
                var code = line.Trim();
                if (code.StartsWith("//", StringComparison.Ordinal))
                    continue;
                if (code.StartsWith("namespace ", StringComparison.Ordinal))
                {
                    if (folder != "(root)" && !code.StartsWith($"namespace {rootNamespace}.{folder}", StringComparison.Ordinal))
                        misplaced.Add(relative);
                    continue;
                }
                foreach (Match match in reference.Matches(code))
                {
                    if (match.Groups[1].Value != folder)
                        targets.Add(match.Groups[1].Value);
                }
            }
        }
        return new FolderGraph(imports.ToDictionary(p => p.Key, p => (IReadOnlySet<string>)p.Value), misplaced);
    }

    /// <summary>Every cycle's folders, as "A -> B -> A"; empty when the graph is acyclic.</summary>
    public IReadOnlyList<string> Cycles()
    {
        var cycles = new List<string>();
        foreach (var start in Imports.Keys.Order(StringComparer.Ordinal))
        {
            var path = new Stack<string>();
            Visit(start, start, path, [], cycles);
        }
        return cycles;
    }

    /// <summary>Imports not in <paramref name="allowed"/>, as "A -> B".</summary>
    public IReadOnlyList<string> NotAllowed(IReadOnlyDictionary<string, string[]> allowed) =>
        [.. Imports.SelectMany(p => p.Value.Where(t => !allowed.TryGetValue(p.Key, out var ok) || !ok.Contains(t)).Select(t => $"{p.Key} -> {t}"))
            .Order(StringComparer.Ordinal)];

    private void Visit(string start, string node, Stack<string> path, HashSet<string> seen, List<string> cycles)
    {
        path.Push(node);
        foreach (var next in Imports.GetValueOrDefault(node) ?? new HashSet<string>())
        {
            if (next == start)
                cycles.Add(string.Join(" -> ", path.Reverse().Append(start)));
            else if (seen.Add(next))
                Visit(start, next, path, seen, cycles);
        }
        path.Pop();
    }
}
