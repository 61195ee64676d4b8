using Contest.Contracts;
using Contest.Server.Defenses;

namespace Contest.Server.Attacks;

/// <summary>The valid attack images every new defense must defeat, for eligibility runs.</summary>
internal sealed class EarlierAttacks(AttackStore attacks, TimeProvider clock) : IEarlierAttacks
{
    public IReadOnlyList<EarlierAttack> Valid() =>
        [.. attacks.Valid().Select(a => new EarlierAttack(a.Id, a.ImageSha256, a.ClaimedLabel.ToClassLabel()))];

    public void RecordScore(string attackId, string defenseId, IReadOnlyList<float> logits) =>
        attacks.RecordScore(attackId, defenseId, logits, clock.GetUtcNow().UtcDateTime);
}
