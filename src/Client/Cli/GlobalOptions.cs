using System.CommandLine;

namespace Contest.Client.Cli;

/// <summary>Options every command takes: where the server is, the API key, and the output form.</summary>
internal sealed class GlobalOptions
{
    public const string DefaultServer = "http://127.0.0.1:50051";

    private readonly Func<string, string?> _environment;

    public GlobalOptions(Func<string, string?> environment)
    {
        _environment = environment;
        Server = new Option<string>("--server")
        {
            Description = $"Server address (env CONTEST_SERVER; default {DefaultServer}).",
            Recursive = true,
            DefaultValueFactory = _ => environment("CONTEST_SERVER") is { Length: > 0 } s ? s : DefaultServer,
        };
        // No default value: --help prints defaults, and the key from the environment is a secret.
        ApiKey = new Option<string?>("--api-key")
        {
            Description = "API key (env CONTEST_API_KEY).",
            Recursive = true,
        };
        Json = new Option<bool>("--json")
        {
            Description = "Print machine-readable JSON instead of tables.",
            Recursive = true,
        };
    }

    public Option<string> Server { get; }

    public Option<string?> ApiKey { get; }

    public Option<bool> Json { get; }

    /// <summary>The key given with --api-key, else CONTEST_API_KEY's, else none.</summary>
    public string? ApiKeyOf(ParseResult parse) =>
        parse.GetValue(ApiKey) is { Length: > 0 } given ? given : _environment("CONTEST_API_KEY") is { Length: > 0 } key ? key : null;

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Server);
        root.Options.Add(ApiKey);
        root.Options.Add(Json);
    }
}
