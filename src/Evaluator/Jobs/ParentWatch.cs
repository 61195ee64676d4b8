namespace Contest.Evaluator.Jobs;

/// <summary>
/// A job process ends itself when its worker host dies (SIGKILL included), so no orphan keeps
/// burning the machine for a job whose lease will be handed to another worker anyway.
/// </summary>
internal static class ParentWatch
{
    public static void Start()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var parent = ParentId();
        var thread = new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(1000);
                if (ParentId() != parent)
                    Environment.Exit(137);
            }
        })
        { IsBackground = true, Name = "parent-watch" };
        thread.Start();
    }

    // Field 4 of /proc/self/stat, after the parenthesised command name (which may contain spaces).
    private static int ParentId()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
