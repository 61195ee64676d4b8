namespace Contest.Server.Defenses;

/// <summary>
/// A port: what happens once a baseline defense's eligibility is settled, eligible or not, or not
/// judged at all (References queues the baseline's warm-up evaluation; the leaderboard shows it either
/// way). Called inside the write that settles it.
/// </summary>
internal interface IBaselineFollowUp
{
    void EligibilitySettled(DefenseRecord baseline);
}
