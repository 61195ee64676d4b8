using Spectre.Console;

namespace Contest.FunctionalTests.Cli;

/// <summary>What the client's Spectre views print, as plain text (no colours, wide enough not to wrap).</summary>
internal static class RenderedText
{
    public static string Of(Action<IAnsiConsole> write)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 240;
        write(console);
        return writer.ToString();
    }

    /// <summary>The first line containing <paramref name="containing"/>, or a message that shows the whole text.</summary>
    public static string Line(string text, string containing) =>
        text.Split('\n').FirstOrDefault(l => l.Contains(containing, StringComparison.Ordinal)) ?? $"(no line with '{containing}' in:\n{text})";
}
