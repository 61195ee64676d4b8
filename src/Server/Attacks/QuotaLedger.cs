using Contest.Contracts.V1;
using Microsoft.Extensions.Options;

namespace Contest.Server.Attacks;

/// <summary>
/// A team's quota now, counted from its stored submissions of the current UTC day. Read inside the
/// write that adds a submission, so concurrent calls can never exceed it.
/// </summary>
internal sealed class QuotaLedger(AttackStore attacks, TimeProvider clock, IOptions<AttackOptions> options)
{
    public Quota Of(string teamId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (start, end) = QuotaRule.UtcDayOf(now);
        return QuotaRule.Of(attacks.CountSubmitted(teamId, start, end), options.Value.DailyAttackQuota, now);
    }
}
