using System.CommandLine;
using Contest.Evaluator.Jobs;
using Contest.Evaluator.Jobs.Kinds;

namespace Contest.Evaluator.Hosting;

/// <summary>
/// `run-job --dir DIR`: the job process a worker host starts for each job (not for people). It reads
/// the job's spec and inputs from standard input, writes its outcome into DIR/out, and reports
/// progress on standard output; anything else it or the model prints goes to DIR/out's log.
/// </summary>
internal static class RunJobCommand
{
    public static Command Create()
    {
        var directory = new Option<string>("--dir") { Description = "The job folder prepared by the worker host.", Required = true };
        var command = new Command("run-job", "Run one prepared job (started by the worker; not for direct use).") { directory };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            ParentWatch.Start();
            var folder = new JobDirectory(parse.GetValue(directory)!);
            var progress = OutputCapture.RedirectModelOutput(folder.ProcessOutputPath);
            var runner = new JobRunner(AllRunners(), TimeProvider.System);
            using var handoff = Console.OpenStandardInput();
            return runner.Run(folder, handoff, progress);
        });
        return command;
    }

    internal static IEnumerable<IJobKindRunner> AllRunners() =>
    [
        new ValidateRunner(),
        new EligibilityRunner(),
        new TrainReferenceRunner(),
        new VerdictRunner(),
        new EvaluateRunner(),
        new AnalysisRunner(),
    ];
}
