using System.CommandLine;
using Contest.Evaluator.Jobs;
using Contest.Evaluator.Jobs.Serving;

namespace Contest.Evaluator.Hosting;

/// <summary>
/// `serve-model --dir DIR`: a warm model process a worker host keeps for verdicts (not for people).
/// It reads the hand-off and then forward requests from standard input, answers on its private
/// channel, and sends what the model prints to DIR/out's log, like `run-job`.
/// </summary>
internal static class ServeModelCommand
{
    public static Command Create()
    {
        var directory = new Option<string>("--dir") { Description = "The folder prepared by the worker host.", Required = true };
        var command = new Command("serve-model", "Serve forward requests for one defense (started by the worker; not for direct use).") { directory };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            ParentWatch.Start();
            var folder = new JobDirectory(parse.GetValue(directory)!);
            var channel = OutputCapture.RedirectModelOutput(folder.ProcessOutputPath);
            using var input = Console.OpenStandardInput();
            return new ModelServeLoop(folder, channel).Run(input);
        });
        return command;
    }
}
