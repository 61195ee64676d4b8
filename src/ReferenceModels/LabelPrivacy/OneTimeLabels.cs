using Contest.ReferenceModels.Training;

namespace Contest.ReferenceModels.LabelPrivacy;

/// <summary>
/// The true labels of a label-DP run, each readable once. LP-MST's privacy guarantee holds because
/// every true label enters one randomized release and nothing else; a second read is a bug in the
/// run, so it throws rather than quietly spend more privacy than the run claims.
/// </summary>
public sealed class OneTimeLabels(TrainingSet data)
{
    private readonly bool[] _read = new bool[data.Count];

    /// <summary>True labels read so far.</summary>
    public int Read { get; private set; }

    /// <exception cref="InvalidOperationException">The label was read before.</exception>
    public int Take(int index)
    {
        if (_read[index])
            throw new InvalidOperationException($"the true label of training image {index} was read twice; label DP allows one use of each.");
        _read[index] = true;
        Read++;
        return (int)data.LabelOf(index);
    }
}
