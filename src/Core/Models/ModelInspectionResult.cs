namespace Contest.Core.Models;

/// <summary>
/// The outcome of inspecting a model file's code and references without running it: fine, or the
/// reason it is refused, naming the offending call or reference and where it is.
/// </summary>
public readonly record struct ModelInspectionResult
{
    private ModelInspectionResult(string? reason) => Reason = reason;

    /// <summary>Nothing in the file is refused.</summary>
    public static ModelInspectionResult Fine => default;

    /// <summary>Whether the file must not be loaded.</summary>
    public bool Refused => Reason is not null;

    /// <summary>Why the file is refused, as a sentence for the uploader; null when fine.</summary>
    public string? Reason { get; }

    internal static ModelInspectionResult Refuse(string reason) => new(reason);
}
