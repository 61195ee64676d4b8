using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>
/// <c>jpeg_compression</c>: encode at quality 25 and decode. JPEG is a CPU codec, so the batch makes
/// one trip to host memory and back (not one per image); images are coded in parallel.
/// </summary>
internal sealed class JpegCompression : ICorruption
{
    private const int Quality = 25;

    public string Name => "jpeg_compression";

    public Tensor Apply(Tensor bytes, RandomSource random)
    {
        using var scope = NewDisposeScope();
        var (batch, height, width) = ((int)bytes.shape[0], (int)bytes.shape[2], (int)bytes.shape[3]);
        var interleaved = bytes.permute(0, 2, 3, 1).to(ScalarType.Byte).cpu().contiguous();
        var all = interleaved.data<byte>().ToArray();
        var imageSize = height * width * 3;
        var output = new byte[all.Length];
        Parallel.For(0, batch, i =>
        {
            var decoded = JpegCodec.RoundTrip(all.AsSpan(i * imageSize, imageSize).ToArray(), width, height, Quality);
            decoded.CopyTo(output, i * imageSize);
        });
        var result = tensor(output, [batch, height, width, 3]).to(bytes.device).permute(0, 3, 1, 2).to(ScalarType.Float64);
        return result.contiguous().MoveToOuterDisposeScope();
    }
}
