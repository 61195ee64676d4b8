namespace Contest.Server.Quotas;

/// <summary>What a team uses of the shared resources now.</summary>
internal sealed record TeamUsage(
    int AttackImagesToday,
    int DefenseUploadsToday,
    int EvaluationsQueued,
    int EvaluationsRunning,
    long DefenseBytes,
    long AttackImageBytes,
    long ArtifactBytes)
{
    public int Evaluations => EvaluationsQueued + EvaluationsRunning;

    public long BytesStored => DefenseBytes + AttackImageBytes + ArtifactBytes;
}
