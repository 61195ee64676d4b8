using Google.Protobuf.WellKnownTypes;

namespace Contest.Server.Infrastructure;

/// <summary>Record times (UTC DateTime) to protobuf Timestamps.</summary>
internal static class ProtoTime
{
    public static Timestamp From(DateTime utc) => Timestamp.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public static Timestamp? From(DateTime? utc) => utc is null ? null : From(utc.Value);
}
