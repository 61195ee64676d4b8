namespace Contest.Evaluator.Jobs;

/// <summary>Phase names shared by job processes and their hosts.</summary>
public static class JobPhases
{
    public const string LoadingModel = "loading the model";
    public const string LoadingImages = "loading images";
}
