namespace Contest.Tests.Shared;

/// <summary>Where the test fixtures live, found from the test assembly's folder upwards.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    public static string Fixtures => Path.Combine(Root.Value, "tests", "fixtures");

    public static string GoodDefense(string name) => Path.Combine(Fixtures, "defenses", "good", name);

    public static string BadDefense(string name) => Path.Combine(Fixtures, "defenses", "bad", name);

    public static string Preprocessing(string name) => Path.Combine(Fixtures, "preprocessing", name);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Contest.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"Contest.sln not found above {AppContext.BaseDirectory}");
    }
}
