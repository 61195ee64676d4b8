using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>
/// <c>common_corruptions</c>: the 17 ImageNet-C corruptions the original ran (snow and frost
/// disabled), each at severity 1, applied to every image; the corruption whose image gets the largest
/// wrong-class logit is kept (the original's choice: the wrong logit alone, not the margin).
/// </summary>
internal sealed class CommonCorruptionsAttack(AttackProfile profile) : IAttack
{
    private const int ImagesPerChunk = 8;

    /// <summary>In the original's order, which also breaks ties.</summary>
    internal static readonly IReadOnlyList<ICorruption> Corruptions =
    [
        new GaussianNoise(), new ShotNoise(), new ImpulseNoise(), new DefocusBlur(), new GlassBlur(),
        new MotionBlur(), new ZoomBlur(), new Fog(), new Brightness(), new Contrast(), new ElasticTransform(),
        new Pixelate(), new JpegCompression(), new SpeckleNoise(), new GaussianBlur(), new Spatter(), new Saturate(),
    ];

    public string Name => "common_corruptions";

    public AttackProfile Profile => profile;

    public string Description => "Applies 17 ImageNet-C corruptions at severity 1 to each image and keeps the one with the largest wrong-class logit.";

    public IReadOnlyList<AttackParameter> Parameters =>
    [
        new("corruptions", string.Join(",", Corruptions.Select(c => c.Name)),
            "ImageNet-C corruptions tried on every image (snow and frost disabled, as in the original)"),
        new("severity", "1", "published severity-1 parameters of Hendrycks and Dietterich's imagenet_c package"),
        new("selection", "max wrong logit", "keeps the corruption whose image gets the largest wrong-class logit"
            + (profile == AttackProfile.Quick ? " (quick: unchanged, nothing to reduce)" : "")),
    ];

    public int? ImageLimit => null;

    public AttackResult Run(AttackInput input, CancellationToken cancellationToken = default)
    {
        var session = new AttackSession(input, cancellationToken);
        var random = new AttackRandom(input.Seed, session.Device);
        var streams = Corruptions.Select(c => random.Stream($"{Name}/{c.Name}")).ToList();
        try
        {
            var images = new List<Tensor>();
            var logits = new List<Tensor>();
            using var runScope = NewDisposeScope();
            foreach (var (start, length) in ImageRanges.Of(session.ImagesTotal, ImagesPerChunk))
            {
                using var chunkScope = NewDisposeScope();
                var (adversarial, scored) = AttackChunk(session, streams, input.Images.narrow(0, start, length), input.Labels.narrow(0, start, length));
                images.Add(adversarial.MoveToOuterDisposeScope());
                logits.Add(scored.MoveToOuterDisposeScope());
                session.Completed(length);
            }
            return AttackResult.Completed(cat(images, 0).DetachFromDisposeScope(), cat(logits, 0).DetachFromDisposeScope(), session.ForwardImages);
        }
        finally
        {
            streams.ForEach(s => s.Dispose());
        }
    }

    private static (Tensor Images, Tensor Logits) AttackChunk(AttackSession session, List<RandomSource> streams, Tensor clean, Tensor labels)
    {
        var count = clean.shape[0];
        var bytes = ByteImages.FromUnit(clean);
        var corrupted = new List<Tensor>();
        for (var i = 0; i < Corruptions.Count; i++)
        {
            session.CancellationToken.ThrowIfCancellationRequested();
            corrupted.Add(ByteImages.ToUnit(Corruptions[i].Apply(bytes, streams[i])));
        }
        var candidates = stack(corrupted, 1);
        var scored = session.Logits(candidates.reshape(-1, 3, clean.shape[2], clean.shape[3])).reshape(count, Corruptions.Count, 2);
        var wrong = Margins.Wrong(scored.reshape(-1, 2), labels.repeat_interleave(Corruptions.Count)).reshape(count, -1);
        var best = new BestCandidates(count, session.Device);
        best.Offer(wrong, scored, 0);
        var found = best.Indices.ge(0);
        var index = best.Indices.clamp_min(0).reshape(-1, 1, 1, 1, 1).expand(-1, 1, 3, clean.shape[2], clean.shape[3]);
        var images = where(found.reshape(-1, 1, 1, 1), candidates.gather(1, index).squeeze(1), clean);
        // An image whose every score was NaN stays clean, scored as such.
        var logits = found.all().item<bool>() ? best.Logits : where(found.unsqueeze(1), best.Logits, session.Logits(clean));
        return (images, logits);
    }
}
