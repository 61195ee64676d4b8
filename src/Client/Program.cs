using Contest.Client.Cli;

return await ContestCli.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable);
