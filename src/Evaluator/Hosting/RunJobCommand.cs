using System.CommandLine;
using Contest.Evaluator.Jobs;
using Contest.Evaluator.Jobs.Kinds;

namespace Contest.Evaluator.Hosting;

/// <summary>`run-job --dir DIR`: the job process a worker host starts for each job (not for people).</summary>
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
            var runner = new JobRunner(AllRunners(), TimeProvider.System);
            return runner.Run(new JobDirectory(parse.GetValue(directory)!), Console.Out);
        });
        return command;
    }

    internal static IEnumerable<IJobKindRunner> AllRunners() =>
    [
        new ValidateRunner(),
        new EligibilityRunner(),
        new VerdictRunner(),
        new EvaluateRunner(),
    ];
}
