namespace Contest.Core.Models;

/// <summary>Reads a seekable stream from its first byte and leaves its position where it was.</summary>
internal static class FromTheStart
{
    public static T Read<T>(Stream stream, Func<Stream, T> read)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
            throw new ArgumentException("the stream must be seekable", nameof(stream));
        var start = stream.Position;
        try
        {
            stream.Position = 0;
            return read(stream);
        }
        finally
        {
            stream.Position = start;
        }
    }
}
