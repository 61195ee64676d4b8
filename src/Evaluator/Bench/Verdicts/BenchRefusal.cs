namespace Contest.Evaluator.Bench.Verdicts;

/// <summary>The benchmark cannot run as asked; the message says why, in a sentence for the person running it.</summary>
internal sealed class BenchRefusal(string message) : Exception(message);
