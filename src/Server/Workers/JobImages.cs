using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Server.Datasets;
using Contest.Server.Infrastructure;
using Contest.Server.Jobs;

namespace Contest.Server.Workers;

/// <summary>
/// The dataset images a leased job runs on, each with the split it is from: the hidden eligibility
/// split for an eligibility job (ids, sizes and hashes only: the server joins the labels itself), the
/// test split with labels for an evaluation, for a training job all of train plus the first
/// <see cref="JobRecord.ExtrasPerClass"/> images per class of extras, with labels (never test or
/// eligibility), and for a label-DP sweep all of train, extras up to the sweep's images per class, and
/// all of test, with labels (never eligibility). No other kind of job reads the dataset.
/// </summary>
internal sealed class JobImages(IDatasetCatalog catalog, JobSpecBuilder specs)
{
    /// <summary>The split a training job's images come from besides all of train.</summary>
    public const string ExtrasSplit = "extras";

    public const string TrainSplit = "train";

    public ListJobImagesResponse List(JobRecord job)
    {
        var selection = Select(job);
        var info = catalog.Describe();
        var response = new ListJobImagesResponse { Split = selection.Name, Dataset = $"{info.Source} {info.Version}" };
        response.Images.AddRange(selection.Images.Select(i =>
        {
            var image = new JobImage
            {
                Id = i.File.Id,
                SizeBytes = i.File.SizeBytes,
                Sha256 = i.File.Sha256,
                Extension = Path.GetExtension(i.File.Path),
                Split = i.Split,
            };
            if (selection.Labelled)
                image.Label = i.File.Label.ToLabel();
            return image;
        }));
        return response;
    }

    /// <summary>Opens one image of the job's selection by id, from the split it is listed under, with its SHA-256.</summary>
    public (Stream File, string Sha256) Open(JobRecord job, string id)
    {
        var selection = Select(job);
        var (split, file) = selection.Images.FirstOrDefault(i => i.File.Id == id);
        if (file is null)
            throw RpcErrors.NotFound($"no image '{id}' in the {selection.Name} split this job runs on.");
        return (catalog.Open(split, file.Path), file.Sha256);
    }

    private Selection Select(JobRecord job) => job.Kind switch
    {
        JobKind.Eligibility => Whole(IDatasetCatalog.HiddenSplit, labelled: false),
        JobKind.Evaluate => Whole(IDatasetCatalog.TestSplit, labelled: true),
        JobKind.TrainReference => new($"{TrainSplit}+{ExtrasSplit}", true, TrainingImages(job.ExtrasPerClass)),
        JobKind.Analysis => AnalysisImages(job),
        _ => throw RpcErrors.FailedPrecondition(
            $"a {Words.Of(job.Kind)} job reads no dataset images; only eligibility, evaluation, training and label-DP sweep jobs do."),
    };

    private Selection Whole(string split, bool labelled) => new(split, labelled, [.. In(split)]);

    private IReadOnlyList<(string, CatalogFile)> TrainingImages(int extrasPerClass)
    {
        var extras = In(ExtrasSplit).GroupBy(i => i.File.Label)
            .SelectMany(g => extrasPerClass < 0 ? g : g.Take(extrasPerClass));
        return [.. In(TrainSplit).Concat(extras)];
    }

    /// <summary>
    /// The label-DP sweep trains on images per class drawn from train, then extras, and measures on
    /// test. Its settings are read from the request as queued, as its worker reads them.
    /// </summary>
    private Selection AnalysisImages(JobRecord job)
    {
        var request = specs.Build(job).Analysis;
        if (request is not { Kind: AnalysisKind.LabelDpSweep })
            throw RpcErrors.FailedPrecondition(
                $"analysis job {job.Id} reads no dataset images; of the analyses, only the label-DP sweep does.");
        var perClass = LabelDpSweepSettings.From(request.Parameters, request.Seed).ImagesPerClass;
        var train = In(TrainSplit);
        var trainPerClass = train.CountBy(i => i.File.Label).ToDictionary();
        // -1 takes all of extras; otherwise a class tops up from extras only what train lacks of it.
        var extras = In(ExtrasSplit).GroupBy(i => i.File.Label)
            .SelectMany(g => perClass < 0 ? g : g.Take(Math.Max(0, perClass - trainPerClass.GetValueOrDefault(g.Key))));
        return new($"{TrainSplit}+{ExtrasSplit}+{IDatasetCatalog.TestSplit}", true, [.. train.Concat(extras).Concat(In(IDatasetCatalog.TestSplit))]);
    }

    private IEnumerable<(string Split, CatalogFile File)> In(string split)
    {
        if (!catalog.IsReady)
            throw RpcErrors.Unavailable($"{catalog.Status}; try again shortly.");
        return catalog.Files(split).Select(f => (split, f));
    }

    /// <summary>What a job reads: its name for the listing, whether labels go with it, and each image with its split.</summary>
    private sealed record Selection(string Name, bool Labelled, IReadOnlyList<(string Split, CatalogFile File)> Images);
}
