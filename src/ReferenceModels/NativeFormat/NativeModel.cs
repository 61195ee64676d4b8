using static TorchSharp.torch;

namespace Contest.ReferenceModels.NativeFormat;

/// <summary>A native model read back: its manifest and the network, weights loaded, in eval mode on the requested device.</summary>
public sealed record NativeModel(NativeModelManifest Manifest, nn.Module<Tensor, Tensor> Module) : IDisposable
{
    public void Dispose() => Module.Dispose();
}
