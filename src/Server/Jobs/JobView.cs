namespace Contest.Server.Jobs;

/// <summary>
/// How much of a job a caller sees. What a defense's model said, and a worker's account of why the
/// job failed, belong to the defense's team and organizers; anyone else who may see the job (the
/// attacker behind a verdict job, a worker leasing it) reads the outcome's category only.
/// </summary>
internal enum JobView
{
    /// <summary>Organizers and the team that owns the job's defense: reasons and the model's message.</summary>
    Owner,

    /// <summary>Everyone else: status, phase and counts; a failure only as its category.</summary>
    Outsider,
}
