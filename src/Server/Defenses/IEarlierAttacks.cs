using Contest.Core;

namespace Contest.Server.Defenses;

/// <summary>An accepted (reviewed, valid) adversarial image that every new defense must defeat.</summary>
internal sealed record EarlierAttack(string AttackId, string ImageSha256, ClassLabel Label);

/// <summary>
/// What eligibility needs from the attacks: the earlier valid adversarial images, and somewhere to
/// keep a defense's logits on them (they also fill the attack x defense matrix). The Attacks feature
/// provides it.
/// </summary>
internal interface IEarlierAttacks
{
    /// <summary>Every valid attack image, oldest first.</summary>
    IReadOnlyList<EarlierAttack> Valid();

    /// <summary>Records a defense's logits on one of them; call inside the write.</summary>
    void RecordScore(string attackId, string defenseId, IReadOnlyList<float> logits);
}
