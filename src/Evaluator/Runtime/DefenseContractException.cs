namespace Contest.Evaluator.Runtime;

/// <summary>A defense broke the input/output contract; the message is shown to its team as is.</summary>
public sealed class DefenseContractException(string message) : Exception(message);
