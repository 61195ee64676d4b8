namespace Contest.Evaluator.Worker;

/// <summary>The last lines a child process printed, each cut to 500 characters, safe to add to from its reader threads.</summary>
internal sealed class OutputTail(int lines = 12)
{
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();

    public void Remember(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
            return;
        lock (_gate)
        {
            _tail.Enqueue(line.Length > 500 ? line[..500] : line);
            while (_tail.Count > lines)
                _tail.Dequeue();
        }
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
                return _tail.ToList();
        }
    }
}
