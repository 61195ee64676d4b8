using System.Text.Json;
using Contest.Contracts.V1;
using Contest.Core.Text;
using Google.Protobuf;

namespace Contest.Evaluator.Jobs;

/// <summary>
/// The folder through which a worker host and its job process talk. <c>in/</c> holds only this job's
/// own files under neutral names (the model, its images numbered in order, the attack image) and is
/// read-only to the job; <c>out/</c> is the job's only writable place: result.pb or failure.json,
/// artifacts/, and the process's own printed output. The spec and the input list are not files: they
/// travel over the job's standard input (<see cref="JobHandoff"/>), so nothing the host knows about the
/// job lies around for the model to read. Everything the host reads back from out/ is untrusted.
/// </summary>
public sealed class JobDirectory(string path)
{
    /// <summary>The largest result.pb the host will read (an evaluation report of a whole split fits easily).</summary>
    public const long MaxResultBytes = 64L << 20;

    /// <summary>The largest failure.json the host will read.</summary>
    public const long MaxFailureBytes = 64L << 10;

    /// <summary>How much of the end of the process's printed output the host reads.</summary>
    public const int OutputTailBytes = 8 << 10;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Path { get; } = path;

    /// <summary>Read-only inputs (host path).</summary>
    public string InputPath => Combine(Path, "in");

    /// <summary>The job's writable folder (host path).</summary>
    public string OutputPath => Combine(Path, "out");

    public string ArtifactsPath => Combine(OutputPath, "artifacts");

    /// <summary>
    /// Where a training job keeps its newest checkpoint (replaced whole by a rename each time); the
    /// host uploads each new one so that a later attempt, on any worker, resumes from it.
    /// </summary>
    public string CheckpointPath => Combine(OutputPath, "checkpoint/latest.ckpt");

    /// <summary>Where the job process sends what it (and the model inside it) prints.</summary>
    public string ProcessOutputPath => Combine(OutputPath, "process-output.log");

    private string ResultPath => Combine(OutputPath, "result.pb");

    private string FailurePath => Combine(OutputPath, "failure.json");

    /// <summary>
    /// Lays out a fresh job folder from files on the host (the worker's cache) and returns the
    /// hand-off for the job process, whose paths are relative to the job folder. Files are hard-linked
    /// where possible (same disk, no copy) and copied otherwise; either way the job sees only its own.
    /// </summary>
    public byte[] Prepare(JobSpec spec, JobInputs hostInputs)
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
        Directory.CreateDirectory(InputPath);
        Directory.CreateDirectory(ArtifactsPath);

        string? model = null;
        if (hostInputs.ModelPath is { } modelPath)
            model = Place(modelPath, "model" + ModelExtension(spec));

        var images = new List<Data.LocalImage>(hostInputs.Images.Count);
        for (var i = 0; i < hostInputs.Images.Count; i++)
        {
            var image = hostInputs.Images[i];
            images.Add(image with { Path = Place(image.Path, $"images/{i:D6}{Data.ImageExtensions.Safe(image.Path)}") });
        }

        string? attack = null;
        if (hostInputs.AttackImagePath is { } attackPath)
            attack = Place(attackPath, "attack" + Data.ImageExtensions.Safe(attackPath));

        var prior = new List<PriorAttackImage>(hostInputs.PriorAttacks.Count);
        for (var i = 0; i < hostInputs.PriorAttacks.Count; i++)
        {
            var earlier = hostInputs.PriorAttacks[i];
            // The label of an earlier attack is the server's to join; the model needs only the pixels.
            prior.Add(earlier with { Label = Label.Unspecified, Path = Place(earlier.Path, $"prior/{i:D5}{Data.ImageExtensions.Safe(earlier.Path)}") });
        }

        string? checkpoint = null;
        if (hostInputs.CheckpointPath is { } checkpointPath)
            checkpoint = Place(checkpointPath, "resume.ckpt");

        var jobInputs = hostInputs with { ModelPath = model, Images = images, AttackImagePath = attack, PriorAttacks = prior, CheckpointPath = checkpoint };
        return JobHandoff.Serialize(spec, jobInputs);
    }

    /// <summary>
    /// For a warm model process: links one request's image into in/requests/ (which the running
    /// process sees appear) and returns its path as the process names it.
    /// </summary>
    public string PlaceRequestImage(string source, long requestId, int index) =>
        Place(source, $"requests/{requestId}-{index}{Data.ImageExtensions.Safe(source)}");

    /// <summary>Removes what <see cref="PlaceRequestImage"/> placed (the request is answered).</summary>
    public void RemoveRequestImage(string placed)
    {
        try
        {
            File.Delete(Inside(placed));
        }
        catch (IOException)
        {
            // The folder goes with the process anyway.
        }
    }

    /// <summary>A path the host handed over (relative to the job folder), made absolute; it must stay inside the folder.</summary>
    public string ResolveInput(string relative) => Inside(relative);

    /// <summary>The inputs with their paths made absolute for a process that sees this folder at <see cref="Path"/>.</summary>
    public JobInputs Resolve(JobInputs inputs) => inputs with
    {
        ModelPath = inputs.ModelPath is null ? null : Inside(inputs.ModelPath),
        Images = [.. inputs.Images.Select(i => i with { Path = Inside(i.Path) })],
        AttackImagePath = inputs.AttackImagePath is null ? null : Inside(inputs.AttackImagePath),
        PriorAttacks = [.. inputs.PriorAttacks.Select(p => p with { Path = Inside(p.Path) })],
        CheckpointPath = inputs.CheckpointPath is null ? null : Inside(inputs.CheckpointPath),
    };

    /// <summary>The job's result (written last, atomically, so a crash never leaves half a result).</summary>
    public void WriteResult(CompleteJobRequest result) => WriteAtomically(ResultPath, result.ToByteArray());

    public void WriteFailure(JobFailure failure) => WriteAtomically(FailurePath, JsonSerializer.SerializeToUtf8Bytes(failure, Json));

    /// <summary>
    /// What the job left behind, read as untrusted input: only plain files (never a link the job
    /// planted), within size limits, parsed with every error turned into a malformed outcome.
    /// </summary>
    public JobOutput ReadOutput()
    {
        if (UntrustedFile.Read(ResultPath, MaxResultBytes) is { } resultBytes)
        {
            if (resultBytes.Error is { } error)
                return JobOutput.Malformed($"its result file {error}");
            try
            {
                return JobOutput.Succeeded(CompleteJobRequest.Parser.ParseFrom(resultBytes.Bytes));
            }
            catch (InvalidProtocolBufferException)
            {
                return JobOutput.Malformed("its result file is not a valid result");
            }
        }
        if (UntrustedFile.Read(FailurePath, MaxFailureBytes) is { } failureBytes)
        {
            if (failureBytes.Error is { } error)
                return JobOutput.Malformed($"its failure file {error}");
            try
            {
                var failure = JsonSerializer.Deserialize<JobFailure>(failureBytes.Bytes, Json)
                    ?? throw new JsonException("empty");
                return JobOutput.Failed(new JobFailure(
                    ModelText.Clean(failure.Reason, 500),
                    failure.Retryable,
                    ModelText.Clean(failure.ModelMessage)));
            }
            catch (JsonException)
            {
                return JobOutput.Malformed("its failure file is not valid");
            }
        }
        return JobOutput.Nothing;
    }

    /// <summary>The end of what the job process printed (its last words matter most), cleaned; "" when it printed nothing.</summary>
    public string ReadProcessOutputTail()
    {
        var cleaned = ModelText.Clean(UntrustedFile.ReadTail(ProcessOutputPath, OutputTailBytes), OutputTailBytes);
        return cleaned.Length <= ModelText.MaxMessageLength ? cleaned : "..." + cleaned[^(ModelText.MaxMessageLength - 3)..];
    }

    /// <summary>The artifact files (plain files only), with names relative to artifacts/ using '/'.</summary>
    public IReadOnlyList<(string Name, string Path)> Artifacts() => UntrustedFile.PlainFilesUnder(ArtifactsPath);

    private string Place(string source, string relative)
    {
        var target = Combine(InputPath, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        FileLinks.LinkOrCopy(source, target);
        return "in/" + relative;
    }

    private string Inside(string relative)
    {
        var full = System.IO.Path.GetFullPath(Combine(Path, relative));
        if (!full.StartsWith(System.IO.Path.GetFullPath(Path) + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidDataException($"input path '{relative}' leaves the job folder.");
        return full;
    }

    private static string ModelExtension(JobSpec spec) => spec.Defense?.Format switch
    {
        ModelFormat.Onnx => ".onnx",
        ModelFormat.Native => ".native.zip",
        _ => ".pt",
    };

    private static string Combine(string a, string b) => System.IO.Path.Combine(a, b.Replace('/', System.IO.Path.DirectorySeparatorChar));

    private static void WriteAtomically(string path, byte[] bytes)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}
