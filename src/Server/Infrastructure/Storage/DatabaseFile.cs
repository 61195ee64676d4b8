using LiteDB;

namespace Contest.Server.Infrastructure.Storage;

/// <summary>How contest.db is opened: one process (Direct), records mapped the same way everywhere.</summary>
internal static class DatabaseFile
{
    /// <summary>Opens <paramref name="path"/>; LiteDB rebuilds on open a file it marked damaged when asked.</summary>
    public static LiteDatabase Open(string path, bool autoRebuild = false)
    {
        var connection = new ConnectionString
        {
            Filename = path,
            Connection = ConnectionType.Direct,
            AutoRebuild = autoRebuild,
        };
        // Keep strings exactly as given (no trimming, no "" -> null) and enums readable.
        var mapper = new BsonMapper
        {
            TrimWhitespace = false,
            EmptyStringToNull = false,
            EnumAsInteger = false,
            SerializeNullValues = false,
        };
        var db = new LiteDatabase(connection, mapper);
        // LiteDB hands DateTimes back in local time unless told otherwise; every record is UTC.
        db.UtcDate = true;
        return db;
    }

    /// <summary>LiteDB's write-ahead log beside a database file (contest-log.db beside contest.db).</summary>
    public static string LogOf(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));

    /// <summary>
    /// Reads every document of every collection (and counts them): a damaged page anywhere a record
    /// lives fails here, at start, instead of in the middle of a participant's call.
    /// </summary>
    public static IReadOnlyDictionary<string, long> ReadEverything(LiteDatabase db)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in db.GetCollectionNames())
        {
            long count = 0;
            foreach (var document in db.GetCollection(name).FindAll())
            {
                _ = document["_id"];
                count++;
            }
            counts[name] = count;
        }
        return counts;
    }
}
