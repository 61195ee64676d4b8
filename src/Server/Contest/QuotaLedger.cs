using Contest.Contracts.V1;
using Contest.Server.Hosting;
using Contest.Server.Mapping;
using Contest.Server.Rules;
using Contest.Server.Storage;
using Microsoft.Extensions.Options;

namespace Contest.Server.Contest;

/// <summary>
/// Attack images per team per UTC day. Counted from the stored submissions, inside the same write
/// that adds one, so concurrent calls can never exceed the quota; refused and failed submissions are
/// never stored, so they never count.
/// </summary>
internal sealed class QuotaLedger(ContestDatabase db, TimeProvider clock, IOptions<ContestServerOptions> options)
{
    public int Limit => options.Value.DailyAttackQuota;

    public Quota Of(string teamId)
    {
        var (start, end) = RoundCalendar.UtcDay(clock.GetUtcNow().UtcDateTime);
        var used = db.Attacks.Count(a => a.TeamId == teamId && a.SubmittedAt >= start && a.SubmittedAt < end);
        return new Quota { Limit = Limit, Used = used, Remaining = Math.Max(0, Limit - used), ResetsAt = ProtoTime.From(end) };
    }
}
