using Contest.Client.Cli;

namespace Contest.Client.Transfers;

/// <summary>Where a job's artifact is written under a folder: by its relative name, never outside the folder.</summary>
internal static class ArtifactPaths
{
    /// <summary>The full path of <paramref name="name"/> (such as "plots/accuracy.png") under <paramref name="directory"/>.</summary>
    /// <exception cref="CliException">The name is not a plain relative path (the server's word is not trusted to stay inside the folder).</exception>
    public static string Under(string directory, string name)
    {
        var parts = name.Split('/');
        if (name.Length == 0 || name.Contains('\\') || name.Any(char.IsControl) || Path.IsPathRooted(name) || parts.Any(p => p is "" or "." or ".."))
            throw new CliException($"the server named an artifact '{Core.Text.ModelText.Clean(name, 80)}', which is no plain relative path; nothing was written for it.", ExitCodes.Failed);
        var root = Path.GetFullPath(directory);
        var target = Path.GetFullPath(Path.Combine([root, .. parts]));
        if (!target.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new CliException($"the artifact '{Core.Text.ModelText.Clean(name, 80)}' would land outside {root}; nothing was written for it.", ExitCodes.Failed);
        return target;
    }
}
