namespace Contest.Evaluator.Data;

/// <summary>
/// Phase names that mean something to both sides of a job: the job process reports them and its
/// host reads them back (a crash while loading the model is explained differently).
/// </summary>
public static class PhaseNames
{
    public const string LoadingModel = "loading the model";
    public const string LoadingImages = "loading images";
}
