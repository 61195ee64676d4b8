using Contest.Evaluator.Runtime;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Internal;

/// <summary>
/// One run of one attack: scores images with the defense in bounded batches, counts every image the
/// defense sees, reports progress and honours cancellation between batches.
/// </summary>
internal sealed class AttackSession
{
    private readonly IProgress<AttackProgress>? _progress;
    private int _imagesDone;

    public AttackSession(AttackInput input, CancellationToken cancellationToken)
    {
        input.Validate();
        Model = input.Model;
        Device = input.Model.Device;
        ForwardBatchSize = input.ForwardBatchSize;
        ImagesTotal = (int)input.Images.shape[0];
        CancellationToken = cancellationToken;
        _progress = input.Progress;
    }

    public IDefenseModel Model { get; }

    public Device Device { get; }

    public int ForwardBatchSize { get; }

    public int ImagesTotal { get; }

    public CancellationToken CancellationToken { get; }

    public long ForwardImages { get; private set; }

    /// <summary>Logits [n,2] without autograd, in batches of at most <see cref="ForwardBatchSize"/>.</summary>
    public Tensor Logits(Tensor images)
    {
        using var scope = NewDisposeScope();
        var count = images.shape[0];
        var parts = new List<Tensor>();
        for (long start = 0; start < count; start += ForwardBatchSize)
        {
            CancellationToken.ThrowIfCancellationRequested();
            var length = Math.Min(ForwardBatchSize, count - start);
            parts.Add(Checked(Model.Forward(images.narrow(0, start, length)), length));
            Counted(length);
        }
        var logits = parts.Count == 1 ? parts[0] : cat(parts, 0);
        return logits.MoveToOuterDisposeScope();
    }

    /// <summary>Logits [n,2] recorded for autograd, in one call (the caller sizes the batch).</summary>
    public Tensor LogitsWithGradients(Tensor images)
    {
        CancellationToken.ThrowIfCancellationRequested();
        var count = images.shape[0];
        var logits = Checked(Model.ForwardWithGradients(images), count);
        Counted(count);
        return logits;
    }

    /// <summary>Records that <paramref name="images"/> more input images are final.</summary>
    public void Completed(int images)
    {
        _imagesDone += images;
        Report();
    }

    private void Counted(long images)
    {
        ForwardImages += images;
        Report();
    }

    private void Report() => _progress?.Report(new AttackProgress(_imagesDone, ImagesTotal, ForwardImages));

    private Tensor Checked(Tensor logits, long count)
    {
        if (logits.ndim != 2 || logits.shape[0] != count || logits.shape[1] != 2)
            throw new InvalidOperationException(
                $"defense {Model.Name} returned logits of shape [{string.Join(",", logits.shape)}] for {count} images; expected [{count},2]");
        return logits.dtype == ScalarType.Float32 ? logits : logits.to(ScalarType.Float32);
    }
}
