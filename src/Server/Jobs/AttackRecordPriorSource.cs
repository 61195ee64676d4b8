using Contest.Contracts.V1;
using Contest.Core;
using Contest.Server.Storage;

namespace Contest.Server.Jobs;

/// <summary>Earlier valid adversarial images: attack records whose review (or overrule) found them valid.</summary>
internal sealed class AttackRecordPriorSource(ContestDatabase db) : IPriorAttackSource
{
    public IReadOnlyList<PriorAttack> Valid() =>
        db.Attacks.Find(a => a.Status == AttackStatus.Valid)
            .OrderBy(a => a.SubmittedAt)
            .Select(a => new PriorAttack(a.Id, a.ImageSha256, a.ClaimedLabel == Label.Bird ? ClassLabel.Bird : ClassLabel.Bicycle))
            .ToList();
}
