using Contest.Server.Hosting;

if (ServerCommandLine.WantsHelp(args))
{
    Console.Out.Write(ServerCommandLine.HelpText);
    return;
}

args = ServerCommandLine.WithFlagValues(args);
var builder = WebApplication.CreateBuilder(args);
builder.AddContestServer(args);
var app = builder.Build();
app.MapContestServer();
await app.RunAsync();
