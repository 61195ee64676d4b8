using System.Text.Json;
using Contest.Contracts.V1;
using Contest.Evaluator.Data;
using Google.Protobuf;

namespace Contest.Evaluator.Jobs;

/// <summary>What the worker host hands a job process, besides the spec.</summary>
/// <param name="Device">auto, cpu or cuda.</param>
/// <param name="ModelPath">The defense's model file.</param>
/// <param name="Images">The dataset split the job runs on, in the server's order.</param>
/// <param name="AttackImagePath">For a verdict: the attack image.</param>
/// <param name="PriorAttacks">For eligibility: earlier valid adversarial images.</param>
/// <param name="Dataset">The dataset the images come from, as "source version" (for reports).</param>
public sealed record JobInputs(
    string Device,
    string? ModelPath,
    IReadOnlyList<LocalImage> Images,
    string? AttackImagePath,
    IReadOnlyList<PriorAttackImage> PriorAttacks,
    string Dataset = "");

/// <summary>An earlier valid adversarial image on this worker's disk.</summary>
public sealed record PriorAttackImage(string AttackId, Label Label, string Path);

/// <summary>Why a job failed, written by the job process for its host.</summary>
/// <param name="Reason">One sentence for the defender.</param>
/// <param name="Retryable">Whether another attempt could succeed.</param>
public sealed record JobFailure(string Reason, bool Retryable);

/// <summary>
/// The folder through which a worker host and its job process talk: the host writes spec.pb and
/// inputs.json; the process writes result.pb (or failure.json) and artifacts/.
/// </summary>
public sealed class JobDirectory(string path)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Path { get; } = path;

    public string ArtifactsPath => System.IO.Path.Combine(Path, "artifacts");

    private string SpecPath => System.IO.Path.Combine(Path, "spec.pb");

    private string InputsPath => System.IO.Path.Combine(Path, "inputs.json");

    private string ResultPath => System.IO.Path.Combine(Path, "result.pb");

    private string FailurePath => System.IO.Path.Combine(Path, "failure.json");

    public void Prepare(JobSpec spec, JobInputs inputs)
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
        Directory.CreateDirectory(ArtifactsPath);
        File.WriteAllBytes(SpecPath, spec.ToByteArray());
        File.WriteAllText(InputsPath, JsonSerializer.Serialize(inputs, Json));
    }

    public JobSpec ReadSpec() => JobSpec.Parser.ParseFrom(File.ReadAllBytes(SpecPath));

    public JobInputs ReadInputs() =>
        JsonSerializer.Deserialize<JobInputs>(File.ReadAllText(InputsPath), Json) ?? throw new InvalidDataException("empty inputs.json");

    /// <summary>The job's result (written last, atomically, so a crash never leaves half a result).</summary>
    public void WriteResult(CompleteJobRequest result) => WriteAtomically(ResultPath, result.ToByteArray());

    public CompleteJobRequest? ReadResult() =>
        File.Exists(ResultPath) ? CompleteJobRequest.Parser.ParseFrom(File.ReadAllBytes(ResultPath)) : null;

    public void WriteFailure(JobFailure failure) => WriteAtomically(FailurePath, JsonSerializer.SerializeToUtf8Bytes(failure, Json));

    public JobFailure? ReadFailure() =>
        File.Exists(FailurePath) ? JsonSerializer.Deserialize<JobFailure>(File.ReadAllBytes(FailurePath), Json) : null;

    /// <summary>The artifact files, with names relative to artifacts/ using '/'.</summary>
    public IEnumerable<(string Name, string Path)> Artifacts() =>
        Directory.Exists(ArtifactsPath)
            ? Directory.EnumerateFiles(ArtifactsPath, "*", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(p => (System.IO.Path.GetRelativePath(ArtifactsPath, p).Replace(System.IO.Path.DirectorySeparatorChar, '/'), p))
            : [];

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}
