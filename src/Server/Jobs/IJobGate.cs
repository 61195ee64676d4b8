namespace Contest.Server.Jobs;

/// <summary>
/// Holds every job back while something they all need is not there yet (the dataset, generated on a
/// first start: a validation beside that generation would also measure a busy machine).
/// </summary>
internal interface IJobGate
{
    bool IsOpen { get; }
}
