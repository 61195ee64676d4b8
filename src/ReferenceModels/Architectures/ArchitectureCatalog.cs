using Contest.Core.Training;
using static TorchSharp.torch;

namespace Contest.ReferenceModels.Architectures;

/// <summary>The networks behind <see cref="ArchitectureNames"/>.</summary>
public static class ArchitectureCatalog
{
    /// <summary>A freshly initialised network mapping images [N,3,224,224] in [0,1] to logits [N,2].</summary>
    public static nn.Module<Tensor, Tensor> Create(string name, int width) => name switch
    {
        ArchitectureNames.SmallCnnName => new SmallCnn(width),
        ArchitectureNames.ResNetSmallName => ResNet.Small(width),
        ArchitectureNames.ResNet18Name => ResNet.ResNet18(),
        _ => throw new ArgumentException($"unknown architecture '{name}'; known: {string.Join(", ", ArchitectureNames.Names)}", nameof(name)),
    };
}
