using System.Collections.Frozen;
using System.Reflection;
using Contest.Contracts.V1;
using Google.Protobuf.Reflection;

namespace Contest.Contracts;

/// <summary>
/// The words people read and type for the API's enum values, made from the proto value names by
/// dropping the enum's prefix and lower-casing: ROLE_ORGANIZER is "organizer", JOB_KIND_TRAIN_REFERENCE
/// is "train_reference". The server's messages, the client's tables and JSON all use these.
/// </summary>
public static class Words
{
    // An unset status reads as the state a new record starts in, and an unset review answer as
    // "unanswered" (what the client and the server printed before); everything else unset is "unspecified".
    private static readonly FrozenDictionary<Type, string> UnsetReadsAs = new Dictionary<Type, string>
    {
        [typeof(ValidationStatus)] = "pending",
        [typeof(EligibilityStatus)] = "not_run",
        [typeof(StakeStatus)] = "not_staked",
        [typeof(AttackStatus)] = "pending",
        [typeof(MatrixOutcome)] = "pending",
        [typeof(Profile)] = "standard",
        [typeof(Certainty)] = "unanswered",
    }.ToFrozenDictionary();

    // Spellings people use that are not the proto's.
    private static readonly FrozenDictionary<string, object> Aliases = new Dictionary<string, object>
    {
        ["canceled"] = JobStatus.Cancelled,
    }.ToFrozenDictionary();

    /// <summary>The word for a value: <c>Words.Of(Role.Organizer)</c> is "organizer".</summary>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Table<TEnum>.WordOf(value);

    /// <summary>Words for several values joined with <paramref name="separator"/>: "defender,attacker".</summary>
    public static string Join<TEnum>(IEnumerable<TEnum> values, string separator = ",") where TEnum : struct, Enum =>
        string.Join(separator, values.Select(Of));

    /// <summary>Every word of the enum except the unspecified value, in value order.</summary>
    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => Table<TEnum>.Words;

    /// <summary>
    /// Reads a word (any case, '-' or '_') into a value; the unspecified value is never accepted.
    /// </summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        var word = (text ?? "").Trim().ToLowerInvariant().Replace('-', '_');
        if (Table<TEnum>.ByWord.TryGetValue(word, out value))
            return true;
        if (Aliases.TryGetValue(word, out var alias) && alias is TEnum aliased)
        {
            value = aliased;
            return true;
        }
        value = default;
        return false;
    }

    private static class Table<TEnum> where TEnum : struct, Enum
    {
        private static readonly FrozenDictionary<TEnum, string> WordByValue = Build();

        public static readonly FrozenDictionary<string, TEnum> ByWord =
            WordByValue.Where(p => Convert.ToInt64(p.Key, System.Globalization.CultureInfo.InvariantCulture) != 0)
                .ToFrozenDictionary(p => p.Value, p => p.Key);

        public static readonly IReadOnlyList<string> Words =
            [.. WordByValue.Where(p => Convert.ToInt64(p.Key, System.Globalization.CultureInfo.InvariantCulture) != 0)
                .OrderBy(p => Convert.ToInt64(p.Key, System.Globalization.CultureInfo.InvariantCulture)).Select(p => p.Value)];

        public static string WordOf(TEnum value) =>
            WordByValue.TryGetValue(value, out var word) ? word : UnsetReadsAs.GetValueOrDefault(typeof(TEnum), "unspecified");

        private static FrozenDictionary<TEnum, string> Build()
        {
            var fields = typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static);
            var names = fields.Select(f => f.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? f.Name).ToList();
            var prefix = CommonPrefix(names);
            var words = new Dictionary<TEnum, string>();
            foreach (var field in fields)
            {
                var value = (TEnum)field.GetValue(null)!;
                if (Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) == 0)
                    continue;
                var name = field.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? field.Name;
                words[value] = name[prefix.Length..].ToLowerInvariant();
            }
            return words.ToFrozenDictionary();
        }

        // "JOB_KIND_VALIDATE", "JOB_KIND_EVALUATE", ... share "JOB_KIND_"; cut only at an underscore.
        private static string CommonPrefix(IReadOnlyList<string> names)
        {
            if (names.Count < 2)
                return "";
            var prefix = names[0];
            foreach (var name in names.Skip(1))
            {
                var length = 0;
                while (length < prefix.Length && length < name.Length && prefix[length] == name[length])
                    length++;
                prefix = prefix[..length];
            }
            var cut = prefix.LastIndexOf('_');
            return cut < 0 ? "" : prefix[..(cut + 1)];
        }
    }
}
