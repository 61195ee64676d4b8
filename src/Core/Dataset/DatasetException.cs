namespace Contest.Core.Dataset;

/// <summary>A folder that is not a readable bird-or-bicycle copy, or a manifest that cannot be read.</summary>
public sealed class DatasetException : Exception
{
    /// <summary>Creates the exception with a message that says what to do.</summary>
    public DatasetException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the failure underneath.</summary>
    public DatasetException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
