using System.Globalization;
using System.Security.Cryptography;

namespace Contest.Server.Datasets;

/// <summary>
/// The private seed of the generated eligibility split: random, made on first start and kept in the
/// data directory (owner-readable only). The public seed regenerates train, test and extras; without
/// this one nobody can regenerate the split defenders must never see.
/// </summary>
internal static class EligibilitySeedFile
{
    public const string FileName = "eligibility.seed";

    public static ulong ReadOrCreate(string root)
    {
        Directory.CreateDirectory(root);
        var path = Path.Combine(root, FileName);
        if (File.Exists(path) && ulong.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var existing))
            return existing;
        var seed = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(new FileStream(path, options)))
            writer.Write(seed.ToString(CultureInfo.InvariantCulture));
        return seed;
    }
}
