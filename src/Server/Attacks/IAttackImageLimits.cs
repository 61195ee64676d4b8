using Contest.Server.Auth;

namespace Contest.Server.Attacks;

/// <summary>A port: the team's stored-bytes limit an attack image must respect, kept by the Quotas feature.</summary>
internal interface IAttackImageLimits
{
    /// <summary>Throws ResourceExhausted, with the numbers, when the caller's team may not store <paramref name="sizeBytes"/> more.</summary>
    void CheckAttackImage(Caller caller, long sizeBytes);
}
