using Contest.Contracts.V1;
using Contest.Server.Infrastructure;
using Contest.Server.Leaderboards;

namespace Contest.Server.References;

/// <summary>Reference model records as the API shows them.</summary>
internal static class ReferenceMapping
{
    /// <summary>The file names <c>DownloadReferenceModel</c> takes.</summary>
    public const string ModelFile = "model";
    public const string SafetensorsFile = "safetensors";
    public const string CurveFile = "curve";

    /// <param name="r">The record.</param>
    /// <param name="evaluation">Accuracy@80 per attack of its finished warm-up evaluation (empty until then).</param>
    public static ReferenceModel ToProto(this ReferenceRecord r, IReadOnlyDictionary<string, double> evaluation)
    {
        var proto = new ReferenceModel
        {
            Id = r.Id,
            Kind = r.Kind,
            Name = r.Name,
            Status = r.Status,
            JobId = r.JobId,
            DefenseId = r.DefenseId,
            Seed = r.Seed,
            CreatedAt = ProtoTime.From(r.CreatedAt),
            Reason = r.Reason,
            Profile = r.Profile,
            BuiltIn = r.BuiltIn,
            EvaluationJobId = r.EvaluationJobId,
            FinishedAt = ProtoTime.From(r.FinishedAt),
        };
        proto.Parameters.Add(r.Parameters);
        foreach (var metric in r.Metrics)
            proto.Metrics[metric.Name] = metric.Value;
        foreach (var (attack, accuracy) in evaluation)
            proto.Metrics[TrainingReport.EvaluationPrefix + attack] = accuracy;
        foreach (var (setting, accuracy) in PublishedResults.ComparableTo(robust: r.Kind is ReferenceKind.AdversarialPgd or ReferenceKind.Trades))
            proto.Published[setting] = accuracy;
        proto.Curve.AddRange(r.Curve.Select(e => new TrainingEpoch
        {
            Epoch = e.Epoch,
            Loss = e.Loss,
            Accuracy = e.Accuracy,
            Epsilon = e.Epsilon,
            LearningRate = e.LearningRate,
            ImagesPerSecond = e.ImagesPerSecond,
            Seconds = e.Seconds,
        }));
        proto.Files.AddRange(Files(r).Select(f => f.Name));
        return proto;
    }

    /// <summary>The files a reference offers, by download name, with their blobs.</summary>
    public static IEnumerable<(string Name, string Sha256)> Files(ReferenceRecord r) =>
        new[] { (ModelFile, r.ModelSha256), (SafetensorsFile, r.SafetensorsSha256), (CurveFile, r.CurveSha256) }.Where(f => f.Item2.Length > 0);
}
