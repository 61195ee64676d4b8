using System.Globalization;

namespace Contest.Core.Dataset;

/// <summary>How many images per class each split gets; a split with 0 is not generated.</summary>
public sealed record SplitCounts
{
    private readonly Dictionary<DatasetSplit, int> _perClass;

    private SplitCounts(Dictionary<DatasetSplit, int> perClass) => _perClass = perClass;

    /// <summary>The generator's defaults: train 125, test 125, extras 13,750, eligibility 500 per class.</summary>
    public static SplitCounts Default { get; } = new(new Dictionary<DatasetSplit, int>
    {
        [DatasetSplit.Train] = 125,
        [DatasetSplit.Test] = 125,
        [DatasetSplit.Extras] = 13_750,
        [DatasetSplit.Eligibility] = 500,
    });

    /// <summary>Images per class in a split.</summary>
    public int this[DatasetSplit split] => _perClass.GetValueOrDefault(split);

    /// <summary>Images in all splits together (both classes).</summary>
    public int TotalImages => _perClass.Values.Sum() * 2;

    /// <summary>A copy with one split's count replaced.</summary>
    public SplitCounts With(DatasetSplit split, int perClass)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perClass);
        return new SplitCounts(new Dictionary<DatasetSplit, int>(_perClass) { [split] = perClass });
    }

    /// <summary>
    /// Parses "train=125,test=125,extras=13750,eligibility=500"; splits not named keep
    /// <paramref name="defaults"/> (the generator's defaults when null).
    /// </summary>
    /// <exception cref="FormatException">An unknown split, a missing '=' or a count that is not a non-negative integer.</exception>
    public static SplitCounts Parse(string text, SplitCounts? defaults = null)
    {
        var counts = defaults ?? Default;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pieces.Length != 2 || !DatasetSplits.TryParse(pieces[0], out var split))
                throw new FormatException($"'{part}' is not SPLIT=COUNT with SPLIT one of train, test, extras, eligibility.");
            if (!int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                throw new FormatException($"'{pieces[1]}' in '{part}' is not a non-negative whole number.");
            counts = counts.With(split, count);
        }
        return counts;
    }

    /// <summary>"train=125,test=125,extras=13750,eligibility=500".</summary>
    public override string ToString() =>
        string.Join(',', DatasetSplits.All.Select(s => $"{s.Name()}={this[s].ToString(CultureInfo.InvariantCulture)}"));

    /// <inheritdoc />
    public bool Equals(SplitCounts? other) =>
        other is not null && DatasetSplits.All.All(s => this[s] == other[s]);

    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
