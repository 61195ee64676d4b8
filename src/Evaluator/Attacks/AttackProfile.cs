namespace Contest.Evaluator.Attacks;

/// <summary>How much work an attack does.</summary>
public enum AttackProfile
{
    /// <summary>The original warm-up parameters.</summary>
    Standard,

    /// <summary>The same algorithms with reduced budgets, for CPU demonstrations and tests.</summary>
    Quick,
}
