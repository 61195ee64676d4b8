namespace Contest.Core.Models;

/// <summary>The outcome of sniffing a model file: a runnable format, or the reason it is refused.</summary>
public readonly record struct ModelSniffResult
{
    private ModelSniffResult(ModelFileFormat? format, string? refusal)
    {
        Format = format;
        Refusal = refusal;
    }

    /// <summary>The detected format; null when refused.</summary>
    public ModelFileFormat? Format { get; }

    /// <summary>Why the file is refused, as a sentence for the uploader; null when accepted.</summary>
    public string? Refusal { get; }

    /// <summary>Whether the file may be stored as a defense.</summary>
    public bool Accepted => Format is not null;

    internal static ModelSniffResult Accept(ModelFileFormat format) => new(format, null);

    internal static ModelSniffResult Refuse(string reason) => new(null, reason);
}
