using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Contest.Client.Connection;
using Spectre.Console;

namespace Contest.Client.Cli;

/// <summary>What a command needs while it runs: its arguments, the connection, and where to write.</summary>
internal sealed class CliContext : IDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };
    private readonly GlobalOptions _global;
    private ContestConnection? _connection;

    public CliContext(ParseResult parse, GlobalOptions global, TextWriter output, TextWriter error)
    {
        Parse = parse;
        _global = global;
        Output = output;
        Error = error;
        Json = parse.GetValue(global.Json);
        Console = CreateConsole(output);
        ErrorConsole = CreateConsole(error);
    }

    public ParseResult Parse { get; }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>Whether --json was given.</summary>
    public bool Json { get; }

    /// <summary>Tables and text for people, on standard output.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Progress bars and warnings, on standard error (standard output stays clean for pipes).</summary>
    public IAnsiConsole ErrorConsole { get; }

    /// <summary>Whether to draw live progress (an interactive terminal, and not --json).</summary>
    public bool ShowProgress => !Json && ErrorConsole.Profile.Capabilities.Interactive;

    /// <summary>The connection to the server, opened on first use.</summary>
    public ContestConnection Server =>
        _connection ??= new ContestConnection(Parse.GetValue(_global.Server)!, _global.ApiKeyOf(Parse));

    /// <summary>Whether an API key was given (option or environment).</summary>
    public bool HasApiKey => !string.IsNullOrWhiteSpace(_global.ApiKeyOf(Parse));

    public T Value<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    public T Value<T>(Option<T> option) => Parse.GetValue(option)!;

    public void WriteJson(JsonNode node) => Output.WriteLine(node.ToJsonString(JsonOptions));

    /// <summary>A one-line warning on standard error.</summary>
    public void Warn(string message) => Error.WriteLine($"warning: {message}");

    public void Dispose() => _connection?.Dispose();

    private static IAnsiConsole CreateConsole(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Detect,
        });
        // Piped output has no terminal width; 80 columns would wrap ids and hashes mid-word.
        if (!console.Profile.Capabilities.Interactive)
            console.Profile.Width = Math.Max(console.Profile.Width, 200);
        return console;
    }
}
