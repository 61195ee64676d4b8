using Contest.Server.Attacks;

namespace Contest.Server.Review;

/// <summary>
/// Told when an image's validity was decided or changed (its reviews are all in, or an organizer
/// overruled), inside that write. The Rounds feature listens: breaks are recomputed and a round whose
/// images are all decided is published, in the same transaction.
/// </summary>
internal interface IValidityListener
{
    void ValidityChanged(AttackRecord attack);
}
