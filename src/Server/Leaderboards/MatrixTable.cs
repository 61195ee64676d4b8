using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Auth;
using Contest.Server.Defenses;
using Contest.Server.Rounds;

namespace Contest.Server.Leaderboards;

/// <summary>
/// The NIPS-2017-style matrix: every valid image of a published round against every defense in the
/// contest, each cell the defense's answer at its threshold (correct, abstained, wrong, failed on the
/// image, or not scored yet). Defenses score the images they got right; attacks score the defenses they
/// fooled, a defense that failed on the image included.
/// </summary>
internal sealed class MatrixTable(AttackStore attacks, DefenseStore defenses, RoundStore rounds, Identities identities)
{
    public AttackDefenseMatrix Build()
    {
        var columns = defenses.InContest();
        var matrix = new AttackDefenseMatrix();
        matrix.DefenseIds.AddRange(columns.Select(d => d.Id));
        matrix.DefenseNames.AddRange(columns.Select(d => d.Name));
        var defenseScores = new int[columns.Count];
        foreach (var attack in attacks.Valid(rounds.PublishedIds()))
        {
            var row = new MatrixRow { AttackId = attack.Id, AttackerTeamName = identities.TeamName(attack.TeamId) };
            var fooled = 0;
            for (var i = 0; i < columns.Count; i++)
            {
                var outcome = Outcome(attack, columns[i]);
                row.Outcomes.Add(outcome);
                if (outcome == MatrixOutcome.Correct)
                    defenseScores[i]++;
                if (outcome is MatrixOutcome.Wrong or MatrixOutcome.DefenseFailed)
                    fooled++;
            }
            matrix.Rows.Add(row);
            matrix.AttackScores.Add(fooled);
        }
        matrix.DefenseScores.AddRange(defenseScores);
        return matrix;
    }

    private MatrixOutcome Outcome(AttackRecord attack, DefenseRecord defense)
    {
        if (attacks.Score(attack.Id, defense.Id) is not { } score)
            return MatrixOutcome.Pending;
        if (score.Failure.Length > 0)
            return MatrixOutcome.DefenseFailed;
        var threshold = defense.ThresholdInForce();
        if (VerdictRule.IsConfidentMistake(score.Logits, threshold, attack.ClaimedLabel))
            return MatrixOutcome.Wrong;
        return VerdictRule.IsAbstention(score.Logits, threshold) ? MatrixOutcome.Abstained : MatrixOutcome.Correct;
    }
}
