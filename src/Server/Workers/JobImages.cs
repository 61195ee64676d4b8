using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Server.Datasets;
using Contest.Server.Infrastructure;
using Contest.Server.Jobs;

namespace Contest.Server.Workers;

/// <summary>
/// The dataset images a leased job runs on: the hidden eligibility split for an eligibility job (ids,
/// sizes and hashes only: the server joins the labels itself), the test split with labels for an
/// evaluation. No other kind of job reads the dataset.
/// </summary>
internal sealed class JobImages(IDatasetCatalog catalog)
{
    public ListJobImagesResponse List(JobRecord job)
    {
        var (split, labelled) = SplitOf(job);
        var info = catalog.Describe();
        var response = new ListJobImagesResponse { Split = split, Dataset = $"{info.Source} {info.Version}" };
        response.Images.AddRange(Files(split).Select(f =>
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
        var file = Files(split).FirstOrDefault(f => f.Id == id)
            ?? throw RpcErrors.NotFound($"no image '{id}' in the {split} split this job runs on.");
        return (catalog.Open(split, file.Path), file.Sha256);
    }

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
        _ => throw RpcErrors.FailedPrecondition(
            $"a {Words.Of(job.Kind)} job reads no dataset images; only eligibility and evaluation jobs do."),
    };
}
