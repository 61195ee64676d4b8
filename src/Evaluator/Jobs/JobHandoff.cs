using System.Buffers.Binary;
using System.Text.Json;
using Contest.Contracts.V1;
using Google.Protobuf;

namespace Contest.Evaluator.Jobs;

/// <summary>
/// The spec and inputs a host hands its job process over standard input (never as files in the job
/// folder, where the model could read them): a 4-byte big-endian length and the JobSpec bytes, then a
/// 4-byte length and the inputs as JSON. The job reads it all before it loads any model.
/// </summary>
public static class JobHandoff
{
    private const int MaxPartBytes = 64 << 20;

    public static byte[] Serialize(JobSpec spec, JobInputs inputs)
    {
        var specBytes = spec.ToByteArray();
        var inputBytes = JsonSerializer.SerializeToUtf8Bytes(inputs);
        var buffer = new byte[8 + specBytes.Length + inputBytes.Length];
        BinaryPrimitives.WriteInt32BigEndian(buffer, specBytes.Length);
        specBytes.CopyTo(buffer, 4);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(4 + specBytes.Length), inputBytes.Length);
        inputBytes.CopyTo(buffer, 8 + specBytes.Length);
        return buffer;
    }

    public static (JobSpec Spec, JobInputs Inputs) Read(Stream stream)
    {
        var spec = JobSpec.Parser.ParseFrom(ReadPart(stream));
        var inputs = JsonSerializer.Deserialize<JobInputs>(ReadPart(stream))
            ?? throw new InvalidDataException("the job hand-off has no inputs.");
        return (spec, inputs);
    }

    private static byte[] ReadPart(Stream stream)
    {
        Span<byte> header = stackalloc byte[4];
        stream.ReadExactly(header);
        var length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length is < 0 or > MaxPartBytes)
            throw new InvalidDataException($"the job hand-off announces {length} bytes.");
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
