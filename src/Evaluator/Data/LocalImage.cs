using Contest.Contracts.V1;

namespace Contest.Evaluator.Data;

/// <summary>One image of a dataset split, on this machine's disk, with its id and true label.</summary>
/// <param name="Split">The split it is from, where a job reads more than one (an analysis: "train", "extras", "test"); else empty.</param>
public sealed record LocalImage(string Id, Label Label, string Path, string Split = "");
