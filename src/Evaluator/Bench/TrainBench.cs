using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Contest.Contracts;
using Contest.Core.Dataset;
using Contest.Core.Training;
using Contest.Evaluator.Runtime;
using Contest.ReferenceModels.Architectures;
using Contest.ReferenceModels.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Contest.Evaluator.Bench;

/// <summary>
/// `bench train`: the training engine (<see cref="Trainer"/>: batches from stored bytes, augmentation,
/// the recipe, progress, the end-of-epoch checkpoint) against a plain TorchSharp loop of the same
/// network on the same device (forward, cross-entropy, backward, SGD step on batches made up front),
/// interleaved in one run; the ratio is the engine's cost. The adversarial recipe is compared with a
/// plain loop that runs the same PGD steps, so both sides do the same arithmetic.
/// </summary>
internal static class TrainBench
{
    public static Command Create(Option<string> device)
    {
        var dataset = new Option<string>("--dataset") { Description = "A dataset folder (e.g. from `contest dataset generate`); its train split is used.", Required = true };
        var recipe = new Option<string>("--recipe") { Description = "undefended or adversarial_pgd.", DefaultValueFactory = _ => "undefended" };
        var images = new Option<int>("--images") { Description = "Training images per measured epoch.", DefaultValueFactory = _ => 256 };
        var width = new Option<int>("--width") { Description = "Width of resnet_small.", DefaultValueFactory = _ => 16 };
        var repeats = new Option<int>("--repeats") { Description = "Timed repetitions of each side (the best is reported).", DefaultValueFactory = _ => 3 };
        var command = new Command("train", "Training images/s of the engine next to a plain TorchSharp loop of the same model on the same device.")
        {
            dataset, recipe, images, width, repeats,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var target = DeviceSelector.Resolve(DeviceSelector.Parse(parse.GetValue(device)!));
            BenchEnvironment.Describe(output, parse.InvocationConfiguration.Error, target);
            if (!RecipeNames.TryParse(parse.GetValue(recipe)!, out var kind) || kind == RecipeKind.Trades)
                throw new ArgumentException($"--recipe must be undefended or adversarial_pgd, not '{parse.GetValue(recipe)}'.");
            var reader = DatasetReader.Open(parse.GetValue(dataset)!);
            var files = reader.List(DatasetSplit.Train).Take(Math.Max(2, parse.GetValue(images)))
                .Select(e => new TrainingImage(reader.FullPath(e), e.Label.ToLabel().ColumnOf())).ToList();
            var data = TrainingSetLoader.Load(files);
            // One epoch at the full radius (no clean epochs, no ramp): the steady state of training.
            var plan = TrainingPlan.For(kind, TrainingProfile.Quick, seed: 1) with
            {
                Width = parse.GetValue(width),
                Epochs = 1,
                CleanEpochs = 0,
                EpsilonWarmupEpochs = 0,
                ExtrasPerClass = 0,
            };

            double engine = 0, plain = 0;
            for (var r = 0; r < Math.Max(1, parse.GetValue(repeats)); r++)
            {
                using (var result = new Trainer(plan, data, target, new Silent()).Run(null, CancellationToken.None).Model)
                    engine = Math.Max(engine, data.Count / (Silent.LastEpochSeconds > 0 ? Silent.LastEpochSeconds : double.PositiveInfinity));
                plain = Math.Max(plain, PlainLoop(plan, data, target));
            }
            var attack = kind == RecipeKind.AdversarialPgd
                ? string.Create(CultureInfo.InvariantCulture, $" ({plan.AttackSteps} PGD steps at {plan.Epsilon * 255:0.#}/255)")
                : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model:           {plan.Architecture} width {plan.Width}, batch {plan.BatchSize}, {RecipeNames.Of(kind)}{attack}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"images:          {data.Count} per epoch ({DatasetSplit.Train.Name()} split)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"plain loop:      {plain:F1} images/s (best of {parse.GetValue(repeats)})"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine:          {engine:F1} images/s (best of {parse.GetValue(repeats)}; augmentation, progress and the epoch's checkpoint included)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine / plain:  {engine / plain:P1}"));
            return 0;
        });
        return command;
    }

    /// <summary>What one would write by hand: batches made up front, then forward, loss, backward, step.</summary>
    private static double PlainLoop(TrainingPlan plan, TrainingSet data, Device device)
    {
        torch.manual_seed(plan.Seed);
        using var model = ArchitectureCatalog.Create(plan.Architecture, plan.Width);
        model.to(device);
        using var optimizer = optim.SGD(model.parameters(), plan.LearningRate, momentum: 0.9, weight_decay: plan.WeightDecay, nesterov: true);
        var batches = new List<(Tensor Images, Tensor Labels)>();
        for (var start = 0; start + 2 <= data.Count; start += plan.BatchSize)
            batches.Add(data.Batch(Enumerable.Range(start, Math.Min(plan.BatchSize, data.Count - start)).ToArray(), device));
        var clock = Stopwatch.StartNew();
        var seen = 0;
        foreach (var (images, labels) in batches)
        {
            using (var scope = NewDisposeScope())
            {
                var inputs = images;
                if (plan.Recipe == RecipeKind.AdversarialPgd)
                {
                    model.eval();
                    inputs = PlainPgd(model, images, labels, plan);
                }
                model.train();
                optimizer.zero_grad();
                nn.functional.cross_entropy(model.forward(inputs), labels).backward();
            }
            optimizer.step();
            seen += (int)labels.shape[0];
        }
        var rate = seen / clock.Elapsed.TotalSeconds;
        foreach (var (images, labels) in batches)
        {
            images.Dispose();
            labels.Dispose();
        }
        return rate;
    }

    private static Tensor PlainPgd(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels, TrainingPlan plan)
    {
        var adversarial = (images + empty_like(images).uniform_(-plan.Epsilon, plan.Epsilon)).clamp_(0, 1).detach();
        for (var step = 0; step < plan.AttackSteps; step++)
        {
            adversarial.requires_grad_(true);
            var loss = nn.functional.cross_entropy(model.forward(adversarial), labels);
            var gradient = autograd.grad([loss], [adversarial])[0];
            adversarial = minimum(maximum(adversarial.detach() + plan.AttackStepSize * gradient.sign(), images - plan.Epsilon), images + plan.Epsilon).clamp_(0, 1).detach();
        }
        return adversarial;
    }

    private sealed class Silent : ITrainingObserver
    {
        public static double LastEpochSeconds { get; private set; }

        public void OnStep(TrainingStep step)
        {
        }

        public void OnEpoch(EpochMetrics metrics) => LastEpochSeconds = metrics.Seconds;

        public void OnCheckpoint(TrainingCheckpoint checkpoint)
        {
        }
    }
}
