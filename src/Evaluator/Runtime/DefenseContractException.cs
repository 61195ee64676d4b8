namespace Contest.Evaluator.Runtime;

/// <summary>
/// A defense broke the input/output contract. The message is ours and may be shown to anyone; what the
/// model itself said (an exception it raised, a loader error quoting its code) travels apart in
/// <see cref="ModelMessage"/>, for its team and organizers only.
/// </summary>
public sealed class DefenseContractException(string message, string modelMessage = "") : Exception(message)
{
    public string ModelMessage { get; } = modelMessage;
}
