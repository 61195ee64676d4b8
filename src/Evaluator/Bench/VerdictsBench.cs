using System.CommandLine;
using Contest.Evaluator.Bench.Verdicts;
using Contest.Evaluator.Runtime;
using Grpc.Core;

namespace Contest.Evaluator.Bench;

/// <summary>
/// `bench verdicts`: verdict latency through a real server, as attackers see it: N submissions from C
/// concurrent clients against one staked defense, with p50/p95/max and throughput, beside the floor
/// (decode and batch-1 forward of the same model, measured here). It changes the server: it creates
/// teams, stakes a defense and submits images, so point it at a server kept for measuring.
/// </summary>
internal static class VerdictsBench
{
    public static Command Create(Option<string> device)
    {
        var server = new Option<string>("--server") { Description = "The Contest server, e.g. http://127.0.0.1:50051.", Required = true };
        var key = new Option<string>("--key") { Description = "An organizer key (DATA/organizer.key): it creates the teams and stakes the defense.", Required = true };
        var model = new Option<string>("--model") { Description = "The defense's model file (.pt or .onnx); uploaded unless --defense is given, and timed here for the floor.", Required = true };
        var submissions = new Option<int>("--submissions") { Description = "Measured submissions, all distinct images.", DefaultValueFactory = _ => 40 };
        var concurrency = new Option<int>("--concurrency") { Description = "Clients submitting at once, each on its own connection, one image at a time.", DefaultValueFactory = _ => 1 };
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured submissions first, one at a time.", DefaultValueFactory = _ => 3 };
        var defense = new Option<string?>("--defense") { Description = "Attack this staked or eligible defense (uploaded from --model) instead of uploading and staking a new one." };
        var repeats = new Option<int>("--floor-repeats") { Description = "Timed decodes and forwards for the floor (the median is reported).", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };
        var command = new Command("verdicts",
            "Verdict latency (p50/p95/max) and throughput through a real server from concurrent clients, beside the model's forward time. " +
            "It creates teams, stakes a defense and submits images: use a server kept for measuring. The floor runs on cpu unless --device is given.")
        {
            server, key, model, submissions, concurrency, warmup, defense, repeats, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(model)!;
            if (!File.Exists(path))
            {
                await error.WriteLineAsync($"error: no such model file: {path}");
                return 2;
            }
            if (parse.GetValue(submissions) < 1 || parse.GetValue(concurrency) < 1 || parse.GetValue(warmup) < 0 || parse.GetValue(repeats) < 1)
            {
                await error.WriteLineAsync("error: --submissions, --concurrency and --floor-repeats must be at least 1, --warmup at least 0.");
                return 2;
            }
            if (parse.GetValue(concurrency) > parse.GetValue(submissions))
            {
                await error.WriteLineAsync("error: --concurrency cannot exceed --submissions: a client with nothing to submit measures nothing.");
                return 2;
            }
            // The acceptance figures are for CPU workers, so the floor is too unless the operator names a device.
            var explicitDevice = parse.GetResult(device) is { Implicit: false };
            var options = new VerdictsBenchOptions(parse.GetValue(server)!, parse.GetValue(key)!.Trim(), path, parse.GetValue(submissions),
                parse.GetValue(concurrency), parse.GetValue(warmup), parse.GetValue(defense),
                DeviceSelector.Resolve(explicitDevice ? DeviceSelector.Parse(parse.GetValue(device)!) : DeviceRequest.Cpu), parse.GetValue(repeats));
            VerdictsBenchResult result;
            try
            {
                result = await VerdictsBenchRun.RunAsync(options, cancellationToken);
            }
            catch (BenchRefusal e)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                await error.WriteLineAsync($"error: a call to the server failed while setting up: {e.StatusCode}: {e.Status.Detail}");
                return 1;
            }
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
                VerdictsReport.WriteJson(output, result);
            else
                VerdictsReport.WriteText(output, result);
            return result.Submissions.All(s => s.Outcome == SubmissionOutcome.Verdict) ? 0 : 1;
        });
        return command;
    }
}
