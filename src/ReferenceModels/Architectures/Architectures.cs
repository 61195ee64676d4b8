using static TorchSharp.torch;

namespace Contest.ReferenceModels.Architectures;

/// <summary>The architectures reference models are built from, by the name stored with their weights.</summary>
public static class Architectures
{
    /// <summary>The default architecture.</summary>
    public const string SmallCnnName = "small_cnn";

    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [SmallCnnName];

    /// <summary>A freshly initialised network mapping images [N,3,224,224] in [0,1] to logits [N,2].</summary>
    public static nn.Module<Tensor, Tensor> Create(string name, int width) => name switch
    {
        SmallCnnName => new SmallCnn(width),
        _ => throw new ArgumentException($"unknown architecture '{name}'; known: {string.Join(", ", Names)}", nameof(name)),
    };
}
