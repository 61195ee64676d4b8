namespace Contest.Evaluator.Attacks.Boundary;

/// <summary>foolbox's <c>deque(maxlen=n)</c> of recent successes: the newest n outcomes and their success rate.</summary>
internal sealed class RecentOutcomes(int capacity)
{
    private readonly Queue<bool> _outcomes = new();
    private int _successes;

    public bool IsFull => _outcomes.Count == capacity;

    public double SuccessRate => _outcomes.Count == 0 ? 0 : (double)_successes / _outcomes.Count;

    public void Add(bool success)
    {
        _outcomes.Enqueue(success);
        if (success)
            _successes++;
        if (_outcomes.Count > capacity && _outcomes.Dequeue())
            _successes--;
    }

    public void Clear()
    {
        _outcomes.Clear();
        _successes = 0;
    }
}
