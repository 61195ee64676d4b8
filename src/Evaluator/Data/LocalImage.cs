using Contest.Contracts.V1;

namespace Contest.Evaluator.Data;

/// <summary>One image of a dataset split, on this machine's disk, with its id and true label.</summary>
public sealed record LocalImage(string Id, Label Label, string Path);
