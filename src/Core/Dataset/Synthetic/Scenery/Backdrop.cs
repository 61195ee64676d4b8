namespace Contest.Core.Dataset.Synthetic.Scenery;

/// <summary>What the background left for the distractors: where the horizon is, if there is one.</summary>
internal readonly record struct Backdrop(float? Horizon, bool Outdoor);
