namespace Contest.Core.Dataset;

/// <summary>How far a long dataset operation (generating, verifying) has come: images done of the total.</summary>
public readonly record struct DatasetProgress(int Done, int Total);
