namespace Contest.Evaluator.Attacks;

/// <summary>One setting of an attack as reports show it.</summary>
/// <param name="Name">The setting, in snake_case.</param>
/// <param name="Value">Its value, formatted for people.</param>
/// <param name="Description">One line on what it means (and, in the quick profile, what was reduced).</param>
public sealed record AttackParameter(string Name, string Value, string Description);
