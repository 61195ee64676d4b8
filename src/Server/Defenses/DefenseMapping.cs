using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Infrastructure;

namespace Contest.Server.Defenses;

/// <summary>Defense records as the API shows them, and as a worker's job spec names them.</summary>
internal static class DefenseMapping
{
    /// <summary>
    /// The defense as a caller sees it; <paramref name="owner"/> (its team or an organizer) also reads
    /// what the model itself said when validation or eligibility failed.
    /// </summary>
    public static Defense ToProto(this DefenseRecord d, TeamRecord? team, DateTime now, bool owner)
    {
        var proto = new Defense
        {
            Id = d.Id,
            Name = d.Name,
            Description = d.Description,
            Team = team.ToRef(d.TeamId),
            Open = d.Open,
            Format = d.Format,
            Sha256 = d.Sha256,
            SizeBytes = d.SizeBytes,
            CreatedAt = ProtoTime.From(d.CreatedAt),
            Validation = d.Validation.ToProto(owner),
            Eligibility = d.Eligibility.ToProto(owner),
            Stake = d.Stake.ToProto(now),
            Baseline = d.Baseline,
            Withdrawn = d.WithdrawnAt is not null,
            WithdrawnAt = ProtoTime.From(d.WithdrawnAt),
            Differentiable = d.Validation.Differentiable,
        };
        if (d.DeclaredThreshold is { } threshold)
            proto.DeclaredThreshold = threshold;
        return proto;
    }

    private static ValidationResult ToProto(this ValidationState v, bool owner)
    {
        var proto = new ValidationResult
        {
            Status = v.Status,
            Reason = v.Reason,
            ModelMessage = owner ? v.ModelMessage : "",
            ImagesPerSecond = v.ImagesPerSecond,
            Device = v.Device,
            JobId = v.JobId,
            FinishedAt = ProtoTime.From(v.FinishedAt),
            BestBatchSize = v.BestBatchSize,
        };
        proto.Checks.AddRange(v.Checks.Select(c => new ValidationCheck { Name = c.Name, Passed = c.Passed, Detail = c.Detail }));
        return proto;
    }

    private static EligibilityResult ToProto(this EligibilityState e, bool owner) => new()
    {
        Status = e.Status,
        Reason = e.Reason,
        ModelMessage = owner ? e.ModelMessage : "",
        Threshold = e.Threshold,
        AccuracyAt80 = e.AccuracyAt80,
        AccuracyAt100 = e.AccuracyAt100,
        ImagesPerSecond = e.ImagesPerSecond,
        Images = e.Images,
        PriorAttacksChecked = e.PriorAttacksChecked,
        PriorAttacksFailed = e.PriorAttacksFailed,
        JobId = e.JobId,
        FinishedAt = ProtoTime.From(e.FinishedAt),
    };

    public static StakeInfo ToProto(this StakeState s, DateTime now)
    {
        if (!s.Staked || s.StakedAt is not { } stakedAt)
            return new StakeInfo { Status = StakeStatus.NotStaked };
        return new StakeInfo
        {
            Status = s.BrokenAt is null ? StakeStatus.Unbroken : StakeStatus.Broken,
            StakedAt = ProtoTime.From(stakedAt),
            Forced = s.Forced,
            Reason = s.Reason,
            BrokenAt = ProtoTime.From(s.BrokenAt),
            BrokenByAttackId = s.BrokenByAttackId,
            BrokenInRoundId = s.BrokenInRoundId,
            DaysUnbroken = WinnerRule.DaysUnbroken(stakedAt, s.BrokenAt, now),
            WinnerCandidate = WinnerRule.IsWinnerCandidate(stakedAt, s.BrokenAt, now),
        };
    }

    /// <summary>The defense as a job spec names it: its file, format, thresholds and best batch size.</summary>
    public static DefenseSpec ToSpec(this DefenseRecord defense)
    {
        var spec = new DefenseSpec
        {
            Id = defense.Id,
            Sha256 = defense.Sha256,
            Format = defense.Format,
            SizeBytes = defense.SizeBytes,
            Threshold = defense.Eligibility.Threshold,
            BatchSize = defense.Validation.BestBatchSize,
            BatchSizeDevice = defense.Validation.Device,
        };
        if (defense.DeclaredThreshold is { } declared)
            spec.DeclaredThreshold = declared;
        return spec;
    }

    /// <summary>The threshold the defense abstains below on contest images.</summary>
    public static float ThresholdInForce(this DefenseRecord defense) =>
        Core.Rules.AbstainThreshold.Effective(defense.Eligibility.Threshold, defense.DeclaredThreshold);
}
