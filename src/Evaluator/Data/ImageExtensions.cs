namespace Contest.Evaluator.Data;

/// <summary>Image file extensions the evaluator keeps when it renames files; anything else is dropped.</summary>
public static class ImageExtensions
{
    private static readonly HashSet<string> Known = [".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif"];

    /// <summary>The extension of <paramref name="pathOrExtension"/> in lower case when it is a known image type, else "".</summary>
    public static string Safe(string pathOrExtension)
    {
        var extension = Path.GetExtension(pathOrExtension).ToLowerInvariant();
        if (extension.Length == 0 && pathOrExtension.StartsWith('.'))
            extension = pathOrExtension.ToLowerInvariant();
        return Known.Contains(extension) ? extension : "";
    }
}
