using Contest.Core;

namespace Contest.Server.Jobs;

/// <summary>An accepted (reviewed, valid) adversarial image that every new defense must defeat.</summary>
internal sealed record PriorAttack(string AttackId, string ImageSha256, ClassLabel Label);

/// <summary>Where eligibility gets the earlier valid adversarial images from (the attack records).</summary>
internal interface IPriorAttackSource
{
    IReadOnlyList<PriorAttack> Valid();
}
