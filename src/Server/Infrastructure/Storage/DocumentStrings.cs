using LiteDB;

namespace Contest.Server.Infrastructure.Storage;

/// <summary>Every string value in a stored document, however deeply nested (in sub-documents and arrays).</summary>
internal static class DocumentStrings
{
    public static IEnumerable<string> Of(BsonValue value)
    {
        var pending = new Stack<BsonValue>();
        pending.Push(value);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current.IsString)
                yield return current.AsString;
            else if (current.IsDocument)
            {
                foreach (var child in current.AsDocument.Values)
                    pending.Push(child);
            }
            else if (current.IsArray)
            {
                foreach (var child in current.AsArray)
                    pending.Push(child);
            }
        }
    }
}
