using System.CommandLine;
using Contest.Client.Commands;

namespace Contest.Client.Cli;

/// <summary>The `contest` command tree, runnable with any output writers (tests use this too).</summary>
internal static class ContestCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<string, string?> environment,
        CancellationToken cancellationToken = default)
    {
        var global = new GlobalOptions(environment);
        var actions = new CommandActions(global, output, error);
        var root = new RootCommand("contest: the command-line client of the Contest server (bird-or-bicycle adversarial robustness contest).");
        global.AddTo(root);
        foreach (var command in TeamsCommands.Create(actions))
            root.Subcommands.Add(command);
        root.Subcommands.Add(DefensesCommands.Create(actions));
        root.Subcommands.Add(EvalCommands.Create(actions));
        root.Subcommands.Add(JobsCommands.Create(actions));
        foreach (var command in AttacksCommands.Create(actions))
            root.Subcommands.Add(command);
        root.Subcommands.Add(ReviewCommands.Create(actions));
        foreach (var command in RoundsCommands.Create(actions))
            root.Subcommands.Add(command);
        root.Subcommands.Add(LeaderboardCommands.Create(actions));
        root.Subcommands.Add(ReferenceCommands.Create(actions));
        root.Subcommands.Add(AnalysisCommands.Create(actions));
        foreach (var command in AuditCommands.Create(actions))
            root.Subcommands.Add(command);
        root.Subcommands.Add(DatasetCommands.Create(actions));
        root.Subcommands.Add(AdminCommands.Create(actions));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
                await error.WriteLineAsync($"error: {parseError.Message}");
            await error.WriteLineAsync("Run with --help for usage.");
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
