namespace Contest.Server.Attacks;

/// <summary>What attacks need to know about the weekly rounds. The Rounds feature provides it.</summary>
internal interface IAttackRounds
{
    /// <summary>
    /// The open round, which a submission made now belongs to. Call inside the write that stores the
    /// submission: it closes a round whose time has passed and opens the next.
    /// </summary>
    string CurrentRoundId();

    /// <summary>Whether the round's results, and so its images and their teams, are public.</summary>
    bool IsPublished(string roundId);
}
