using System.CommandLine;

namespace Contest.Evaluator.Hosting;

/// <summary>The evaluator's command line.</summary>
internal static class EvaluatorCli
{
    public static Task<int> RunAsync(string[] args)
    {
        var device = new Option<string>("--device")
        {
            Description = "auto, cpu or cuda (cuda needs an external CUDA libtorch; see the README).",
            DefaultValueFactory = _ => "auto",
            Recursive = true,
        };
        var root = new RootCommand("Contest evaluator: runs defenses and attacks for the Contest server.");
        root.Options.Add(device);
        root.Subcommands.Add(DoctorCommand.Create(device));
        return root.Parse(args).InvokeAsync();
    }
}
