using Contest.Server.Hosting;

if (ServerCommandLine.WantsHelp(args))
{
    Console.Out.Write(ServerCommandLine.HelpText);
    return 0;
}

args = ServerCommandLine.WithFlagValues(args);
if (RestoreCommand.Wanted(args, out var archive, out var dataDirectory))
    return RestoreCommand.Run(archive, dataDirectory);
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddContestServer(args);
    var app = builder.Build();
    app.MapContestServer();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (StartupRefusal.Explains(e))
{
    await Console.Error.WriteLineAsync($"Contest server cannot start: {e.Message}");
    return StartupRefusal.ExitCode;
}
