using Contest.Core.Training;
using System.IO.Compression;
using System.Text.Json;

namespace Contest.ReferenceModels.Training;

/// <summary>
/// Everything needed to continue a run exactly where it stopped: the plan it belongs to, the next
/// step, the network's and the optimizer's state, the epoch's running sums and the curve so far.
/// Randomness is drawn from seeds derived from the plan's seed and the step, so nothing else is needed.
/// Stored as a ZIP: checkpoint.json, model.bin and optimizer.bin (TorchSharp's formats).
/// </summary>
public sealed class TrainingCheckpoint
{
    private const string StateEntry = "checkpoint.json";
    private const string ModelEntry = "model.bin";
    private const string OptimizerEntry = "optimizer.bin";

    /// <summary>The largest checkpoint file read (ResNet-18 with SGD momentum is about 90 MB).</summary>
    public const long MaxBytes = 1L << 30;

    public required TrainingPlan Plan { get; init; }

    /// <summary>0-based epoch of the next step.</summary>
    public required int Epoch { get; init; }

    /// <summary>0-based step within <see cref="Epoch"/> of the next step.</summary>
    public required int Step { get; init; }

    public required double EpochLossSum { get; init; }

    public required long EpochCorrect { get; init; }

    public required long EpochImages { get; init; }

    public required double EpochSeconds { get; init; }

    public required IReadOnlyList<EpochMetrics> Curve { get; init; }

    public required byte[] ModelState { get; init; }

    public required byte[] OptimizerState { get; init; }

    /// <summary>Label-DP: the 0-based stage the run was in (0 for single-stage recipes).</summary>
    public int Stage { get; init; }

    /// <summary>Label-DP: the labels released so far, which a resumed run must not draw again.</summary>
    public LabelPrivacy.LabelRelease? Release { get; init; }

    public void Write(Stream destination)
    {
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        var state = new State(Plan, Epoch, Step, EpochLossSum, EpochCorrect, EpochImages, EpochSeconds, [.. Curve], Stage, Release);
        using (var entry = zip.CreateEntry(StateEntry, CompressionLevel.Fastest).Open())
            JsonSerializer.Serialize(entry, state);
        using (var entry = zip.CreateEntry(ModelEntry, CompressionLevel.NoCompression).Open())
            entry.Write(ModelState);
        using (var entry = zip.CreateEntry(OptimizerEntry, CompressionLevel.NoCompression).Open())
            entry.Write(OptimizerState);
    }

    /// <summary>Writes the checkpoint to <paramref name="path"/> whole or not at all (a temporary file, then a rename).</summary>
    public void Save(string path)
    {
        var partial = path + ".part";
        using (var file = File.Create(partial))
            Write(file);
        File.Move(partial, path, overwrite: true);
    }

    /// <exception cref="InvalidDataException">Not a checkpoint, or a damaged one.</exception>
    public static TrainingCheckpoint Read(string path)
    {
        if (new FileInfo(path).Length > MaxBytes)
            throw new InvalidDataException($"a checkpoint is at most {MaxBytes >> 20} MiB.");
        using var zip = ZipFile.OpenRead(path);
        State state;
        using (var entry = Open(zip, StateEntry))
            state = JsonSerializer.Deserialize<State>(entry) ?? throw new InvalidDataException("the checkpoint's state is empty.");
        return new TrainingCheckpoint
        {
            Plan = state.Plan,
            Epoch = state.Epoch,
            Step = state.Step,
            EpochLossSum = state.EpochLossSum,
            EpochCorrect = state.EpochCorrect,
            EpochImages = state.EpochImages,
            EpochSeconds = state.EpochSeconds,
            Curve = state.Curve,
            Stage = state.Stage,
            Release = state.Release,
            ModelState = ReadAll(zip, ModelEntry),
            OptimizerState = ReadAll(zip, OptimizerEntry),
        };
    }

    private static Stream Open(ZipArchive zip, string name) =>
        (zip.GetEntry(name) ?? throw new InvalidDataException($"the checkpoint has no {name}.")).Open();

    private static byte[] ReadAll(ZipArchive zip, string name)
    {
        using var entry = Open(zip, name);
        using var buffer = new MemoryStream();
        entry.CopyTo(buffer);
        return buffer.ToArray();
    }

    private sealed record State(
        TrainingPlan Plan, int Epoch, int Step, double EpochLossSum, long EpochCorrect, long EpochImages, double EpochSeconds, List<EpochMetrics> Curve,
        int Stage = 0, LabelPrivacy.LabelRelease? Release = null);
}
