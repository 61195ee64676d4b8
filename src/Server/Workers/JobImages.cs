using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Server.Datasets;
using Contest.Server.Infrastructure;
using Contest.Server.Jobs;

namespace Contest.Server.Workers;

/// <summary>
/// The dataset images a leased job runs on: the hidden eligibility split for an eligibility job (ids,
/// sizes and hashes only: the server joins the labels itself), the test split with labels for an
/// evaluation, and for a training job all of train plus the first <see cref="JobRecord.ExtrasPerClass"/>
/// images per class of extras, with labels (never test or eligibility). No other kind of job reads the dataset.
/// </summary>
internal sealed class JobImages(IDatasetCatalog catalog)
{
    /// <summary>The split a training job's images come from besides all of train.</summary>
    public const string ExtrasSplit = "extras";

    private const string TrainSplit = "train";

    public ListJobImagesResponse List(JobRecord job)
    {
        var (split, labelled) = SplitOf(job);
        var info = catalog.Describe();
        var response = new ListJobImagesResponse { Split = split, Dataset = $"{info.Source} {info.Version}" };
        response.Images.AddRange(FilesOf(job).Select(f =>
        {
            var image = new JobImage { Id = f.Id, SizeBytes = f.SizeBytes, Sha256 = f.Sha256, Extension = Path.GetExtension(f.Path) };
            if (labelled)
                image.Label = f.Label.ToLabel();
            return image;
        }));
        return response;
    }

    /// <summary>Opens one image of the job's split by id, with its SHA-256.</summary>
    public (Stream File, string Sha256) Open(JobRecord job, string id)
    {
        var (split, _) = SplitOf(job);
        var file = FilesOf(job).FirstOrDefault(f => f.Id == id)
            ?? throw RpcErrors.NotFound($"no image '{id}' in the {split} split this job runs on.");
        return (catalog.Open(SplitOfFile(job, file), file.Path), file.Sha256);
    }

    private IEnumerable<CatalogFile> FilesOf(JobRecord job)
    {
        if (job.Kind != JobKind.TrainReference)
            return Files(SplitOf(job).Split);
        var extras = Files(ExtrasSplit).GroupBy(f => f.Label)
            .SelectMany(g => job.ExtrasPerClass < 0 ? g : g.Take(job.ExtrasPerClass));
        return Files(TrainSplit).Concat(extras);
    }

    private string SplitOfFile(JobRecord job, CatalogFile file) =>
        job.Kind != JobKind.TrainReference ? SplitOf(job).Split
            : Files(TrainSplit).Any(f => f.Id == file.Id) ? TrainSplit : ExtrasSplit;

    private IReadOnlyList<CatalogFile> Files(string split)
    {
        if (!catalog.IsReady)
            throw RpcErrors.Unavailable($"{catalog.Status}; try again shortly.");
        return catalog.Files(split);
    }

    private static (string Split, bool Labelled) SplitOf(JobRecord job) => job.Kind switch
    {
        JobKind.Eligibility => (IDatasetCatalog.HiddenSplit, false),
        JobKind.Evaluate => (IDatasetCatalog.TestSplit, true),
        JobKind.TrainReference => ($"{TrainSplit}+{ExtrasSplit}", true),
        _ => throw RpcErrors.FailedPrecondition(
            $"a {Words.Of(job.Kind)} job reads no dataset images; only eligibility, evaluation and training jobs do."),
    };
}
