using Contest.Server.Auth;

namespace Contest.Server.Defenses;

/// <summary>A port: the team limits a defense upload must respect (uploads per day, bytes stored), kept by the Quotas feature.</summary>
internal interface IUploadLimits
{
    /// <summary>Throws ResourceExhausted, with the numbers, when the caller's team may not store <paramref name="sizeBytes"/> more as a defense now.</summary>
    void CheckUpload(Caller caller, long sizeBytes);
}
