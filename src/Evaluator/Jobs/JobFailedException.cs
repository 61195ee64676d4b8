namespace Contest.Evaluator.Jobs;

/// <summary>A job runner's own verdict that the job cannot finish, with the failure to report as it stands.</summary>
internal sealed class JobFailedException(JobFailure failure) : Exception(failure.Reason)
{
    public JobFailure Failure { get; } = failure;
}
