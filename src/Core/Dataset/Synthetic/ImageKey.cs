using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Contest.Core.Dataset.Synthetic;

/// <summary>
/// Names one generated image: (seed, split, class, index within the class). Its id and its random
/// stream both come from a SHA-256 of that tuple and the generator version, so they are the same on
/// every machine and independent of the order images are rendered in.
/// </summary>
internal readonly record struct ImageKey(ulong Seed, DatasetSplit Split, ClassLabel Label, int Index)
{
    public string Id => Convert.ToHexStringLower(Digest().AsSpan(0, 8));

    public ulong RandomSeed => BinaryPrimitives.ReadUInt64LittleEndian(Digest().AsSpan(8, 8));

    private byte[] Digest()
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"bird-or-bicycle/{SyntheticDataset.VersionName}|{Seed}|{Split.Name()}|{Label.Name()}|{Index}");
        return SHA256.HashData(Encoding.UTF8.GetBytes(text));
    }
}
