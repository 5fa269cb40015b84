using System.CommandLine;
using RpPlayground.Cli.Benchmarks;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.World;

namespace RpPlayground.Cli.Commands;

/// <summary><c>rp bench</c>: benchmarks that print figures.</summary>
public static class BenchCommand
{
    public static Command Create() => new("bench", "Benchmarks that print timings.") { Forward(), Explain(), Concurrent(), Load(), Distortion() };

    static Command Load()
    {
        var url = new Option<string>("--url") { Description = "The running site, or several web nodes separated by commas (runs and clients spread over them in turn; loopback only unless --allow-remote).", DefaultValueFactory = _ => "http://127.0.0.1:5000" };
        var clients = new Option<int>("--clients") { Description = "Hub clients watching the runs (1 to 500).", DefaultValueFactory = _ => 50 };
        var runs = new Option<int>("--runs") { Description = "Runs started through the API (1 to 64).", DefaultValueFactory = _ => 8 };
        var iterations = new Option<int>("--iterations") { Description = "Iterations of every RP run.", DefaultValueFactory = _ => 150 };
        var model = new Option<string>("--model") { Description = "Model id.", DefaultValueFactory = _ => "world" };
        var sample = new Option<string>("--sample") { Description = "Sample image id.", DefaultValueFactory = _ => "world/scene-0001" };
        var target = new Option<string>("--target") { Description = "Target class.", DefaultValueFactory = _ => "boat" };
        var seconds = new Option<int>("--seconds") { Description = "Give up after this long (1 to 3600).", DefaultValueFactory = _ => 600 };
        var pid = new Option<int?>("--server-pid") { Description = "The local server's process id, to report its resident memory." };
        var remote = new Option<bool>("--allow-remote") { Description = "Allow a site that is not on this machine." };
        var command = new Command("load", "Starts runs on a running site and has many hub clients watch them: frames per client, latencies, errors, 429/503s, server memory.")
            { url, clients, runs, iterations, model, sample, target, seconds, pid, remote };
        command.SetAction((parse, cancellation) => RunLoadAsync(new LoadSettings(parse.GetValue(url)!, parse.GetValue(clients), parse.GetValue(runs), parse.GetValue(iterations), parse.GetValue(model)!,
            parse.GetValue(sample)!, parse.GetValue(target)!, parse.GetValue(seconds), parse.GetValue(pid), parse.GetValue(remote)), cancellation));
        return command;
    }

    static Command Concurrent()
    {
        var selection = new ModelSelection();
        var runs = new Option<string>("--runs") { Description = "How many runs start together, as a list.", DefaultValueFactory = _ => "1,2,4,8,16" };
        var iterations = new Option<int>("--iterations") { Description = "Iterations of every RP run.", DefaultValueFactory = _ => 150 };
        var command = new Command("concurrent", "N RP runs stepped together in rounds against the same N one after another: iterations per second and the ratio.") { runs, iterations };
        selection.AddTo(command);
        command.SetAction(parse => RunConcurrent(new ConcurrentSettings(selection.Read(parse), parse.GetValue(runs)!, parse.GetValue(iterations))));
        return command;
    }

    static Command Distortion()
    {
        var selection = new ModelSelection();
        var methodOptions = new MethodOptions();
        var scenes = new Option<int>("--scenes") { Description = "How many built-in scenes with two or more kinds of object.", DefaultValueFactory = _ => 20 };
        var sceneSeed = new Option<int>("--scene-seed") { Description = "Series of scenes.", DefaultValueFactory = _ => 77 };
        var command = new Command("distortion", "Non-target term on vs off (class distortion) and reversed-mask term on vs off (reverse CDS) over built-in scenes.") { scenes, sceneSeed };
        selection.AddTo(command);
        methodOptions.AddTo(command);
        command.SetAction((parse, cancellation) => Task.FromResult(RunDistortion(new DistortionSettings(selection.Read(parse), methodOptions.Read(parse),
            parse.GetValue(scenes), parse.GetValue(sceneSeed)), cancellation)));
        return command;
    }

    static Command Explain()
    {
        var selection = new ModelSelection();
        var methods = new Option<string[]>("--methods") { Description = "Methods to time (default: all).", AllowMultipleArgumentsPerToken = true };
        var repeat = new Option<int>("--repeat") { Description = "Measured runs of the bare forward+backward baseline.", DefaultValueFactory = _ => 30 };
        var command = new Command("explain", "Milliseconds per iteration of every method, and RP's iteration against a bare forward+backward of a batch of two.") { methods, repeat };
        selection.AddTo(command);
        command.SetAction((parse, cancellation) => Task.FromResult(RunExplain(new ExplainSettings(selection.Read(parse),
            parse.GetValue(methods)!, parse.GetValue(repeat)), cancellation)));
        return command;
    }

    static Command Forward()
    {
        var selection = new ModelSelection();
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured runs first.", DefaultValueFactory = _ => 3 };
        var repeat = new Option<int>("--repeat") { Description = "Measured runs.", DefaultValueFactory = _ => 20 };
        var batches = new Option<string>("--batches") { Description = "Batch sizes, as a list (1 to 1024 each).", DefaultValueFactory = _ => "1,2" };
        var command = new Command("forward", "Milliseconds for a forward pass and for forward+backward to the input, at each batch size, with GFLOP/s and images a second.") { warmup, repeat, batches };
        selection.AddTo(command);
        command.SetAction(parse => RunForward(new ForwardSettings(selection.Read(parse), parse.GetValue(warmup), parse.GetValue(repeat), parse.GetValue(batches)!)));
        return command;
    }

    /// <summary>What the options of <c>rp bench load</c> say.</summary>
    public sealed record LoadSettings(string Url, int Clients, int Runs, int Iterations, string ModelId, string Sample, string Target, int Seconds, int? Pid, bool Remote);

    public static async Task<int> RunLoadAsync(LoadSettings options, CancellationToken cancellation)
    {
        var sites = options.Url.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(text =>
            Uri.TryCreate(text, UriKind.Absolute, out var site) && site.Scheme is "http" or "https" ? site : throw new UsageException($"--url takes http or https addresses, not '{text}'.")).ToArray();
        if (sites.Length is 0 or > 16) throw new UsageException("--url takes 1 to 16 addresses.");
        if (sites.FirstOrDefault(s => !s.IsLoopback) is { } far && !options.Remote) throw new UsageException($"{far.Host} is not this machine; pass --allow-remote to load a site elsewhere.");
        if (options.Clients is < 1 or > 500 || options.Runs is < 1 or > 64 || options.Seconds is < 1 or > 3600)
            throw new UsageException("--clients must be 1 to 500, --runs 1 to 64 and --seconds 1 to 3600.");
        var report = await LoadBenchmark.RunAsync(new LoadBenchmark.Options(sites, options.Clients, options.Runs, options.Iterations,
            options.ModelId, options.Sample, options.Target, TimeSpan.FromSeconds(options.Seconds), options.Pid), cancellation);
        var frames = report.FramesPerClient.Select(f => (double)f).ToArray();
        Console.WriteLine($"{options.Runs} runs asked for: {string.Join(", ", report.StartStatuses.OrderBy(s => s.Key).Select(s => $"{s.Value} x {s.Key}"))}; {report.FramesPerClient.Length} clients, {report.Seconds:0.0} s");
        Console.WriteLine($"frames per client: min {frames.DefaultIfEmpty().Min():0}, median {LoadBenchmark.Percentile(frames, 50):0}, max {frames.DefaultIfEmpty().Max():0}; clients that saw the clean last frame: {report.CleanEnds}");
        Console.WriteLine($"first frame after the start: p50 {LoadBenchmark.Percentile(report.FirstFrameMs, 50):0} ms, p95 {LoadBenchmark.Percentile(report.FirstFrameMs, 95):0} ms");
        Console.WriteLine($"frame from publish to client: p50 {LoadBenchmark.Percentile(report.FrameLatencyMs, 50):0.0} ms, p95 {LoadBenchmark.Percentile(report.FrameLatencyMs, 95):0.0} ms over {report.FrameLatencyMs.Length} frames");
        Console.WriteLine($"client errors: {report.Errors}{(report.FirstError is null ? "" : $" (first: {report.FirstError})")}");
        if (report.MemoryBefore is { } m0)
            Console.WriteLine($"server resident memory: before {m0 / 1048576.0:0} MB, peak {report.MemoryPeak / 1048576.0:0} MB, after {report.MemoryAfter / 1048576.0:0} MB");
        return report.Errors == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>What the options of <c>rp bench concurrent</c> say.</summary>
    public sealed record ConcurrentSettings(ModelChoice Model, string Runs, int Iterations);

    public static int RunConcurrent(ConcurrentSettings options)
    {
        var counts = NumberList.Parse(options.Runs, "--runs", 1, 64);
        if (options.Iterations is < 1 or > 5000) throw new UsageException("--iterations must be between 1 and 5000.");
        using var classifier = options.Model.Open();
        Console.WriteLine($"model {classifier.Spec.Id}, input {classifier.InputSize}x{classifier.InputSize}, {TorchSharp.torch.get_num_threads()} thread(s), device {classifier.Device.type}, RP {options.Iterations} iterations a run");
        Console.WriteLine($"{"runs",4} {"one by one s",13} {"together s",11} {"it/s alone",11} {"it/s together",14} {"ms/it each",11} {"ratio",6} {"GFLOP/s",8}");
        foreach (var row in ConcurrentBenchmark.Run(classifier, counts, options.Iterations))
            Console.WriteLine($"{row.Runs,4} {row.SequentialSeconds,13:0.00} {row.BatchedSeconds,11:0.00} {row.SequentialRate,11:0.0} {row.BatchedRate,14:0.0} {row.BatchedMillisecondsPerIteration,11:0.0} {row.Ratio,6:0.00} {row.BatchedGflops,8:0.0}");
        return ExitCodes.Success;
    }

    /// <summary>What the options of <c>rp bench distortion</c> say.</summary>
    public sealed record DistortionSettings(ModelChoice Model, MethodFlags Method, int Scenes, int SceneSeed);

    public static int RunDistortion(DistortionSettings options, CancellationToken cancellation)
    {
        var count = options.Scenes;
        if (count is < 1 or > 1000) throw new UsageException("--scenes must be between 1 and 1000.");
        using var classifier = options.Model.Open(fallbackId: "world");
        if (options.Method.Settle(classifier).Options is not RpOptions rp) throw new UsageException("rp bench distortion runs Robust Perturbation: give --method rp (the default).");
        Console.WriteLine("scene  target   shift NT on  NT off   worst |dp| on  off   rCDS RM on  RM off   p_pt(T)  pointing");
        var results = DistortionExperiment.Run(classifier, rp, rp.Switches, count, options.SceneSeed,
            r => Console.WriteLine($"{r.Index,5}  {r.Target,-8} {r.ShiftOn,11:0.000} {r.ShiftOff,7:0.000} {r.WorstOn,13:0.000} {r.WorstOff,5:0.000} {r.ReverseOn,11:0.0000} {r.ReverseOff,7:0.0000} {r.TargetAfter,9:0.00}  {(r.Hit ? "hit" : "miss")}"),
            cancellation);
        var shiftOn = results.Average(r => r.ShiftOn);
        var shiftOff = results.Average(r => r.ShiftOff);
        Console.WriteLine($"mean |Δ log-odds| of non-targets: NT on {shiftOn:0.000}, NT off {shiftOff:0.000} (ratio {shiftOn / shiftOff:0.00}; the claim is at most 0.5)");
        Console.WriteLine($"mean largest |Δp| of a tracked non-target: NT on {results.Average(r => r.WorstOn):0.000}, NT off {results.Average(r => r.WorstOff):0.000}; scenes where a non-target moved by more than 0.3: NT on {results.Count(r => r.WorstOn > 0.3)}, NT off {results.Count(r => r.WorstOff > 0.3)}");
        Console.WriteLine($"mean reverse CDS (lower is better): RM on {results.Average(r => r.ReverseOn):0.0000}, RM off {results.Average(r => r.ReverseOff):0.0000}");
        Console.WriteLine($"pointing game: {results.Count(r => r.Hit)}/{results.Count}; target removed (p_pt < 0.5) in {results.Count(r => r.TargetAfter < 0.5)}/{results.Count}");
        return ExitCodes.Success;
    }

    /// <summary>What the options of <c>rp bench explain</c> say.</summary>
    public sealed record ExplainSettings(ModelChoice Model, string[] Methods, int Repeat);

    public static int RunExplain(ExplainSettings options, CancellationToken cancellation)
    {
        using var classifier = options.Model.Open();
        var ids = options.Methods is { Length: > 0 } chosen ? MethodList.Parse(string.Join(",", chosen)) : MethodCatalog.Ids.ToArray();
        var baseline = ForwardBenchmark.Run(classifier, 3, options.Repeat).Single(r => r.Pass == "forward+backward" && r.Batch == 2);
        var rows = ExplainBenchmark.Run(classifier, ids, cancellation);
        Console.WriteLine($"model {classifier.Spec.Id}, input {classifier.InputSize}x{classifier.InputSize}, {TorchSharp.torch.get_num_threads()} thread(s)");
        Console.WriteLine($"bare forward+backward, batch 2: {baseline.Timing.Median:0.00} ms (median of {baseline.Timing.Runs})");
        Console.WriteLine($"{"method",-10} {"frames",7} {"ms/step",9} {"total ms",9} {"ratio to bare",14}");
        foreach (var row in rows)
            Console.WriteLine($"{row.Method,-10} {row.Frames,7} {row.MillisecondsPerStep,9:0.00} {row.TotalMilliseconds,9:0} {row.MillisecondsPerStep / baseline.Timing.Median,14:0.00}");
        return ExitCodes.Success;
    }

    /// <summary>What the options of <c>rp bench forward</c> say.</summary>
    public sealed record ForwardSettings(ModelChoice Model, int Warmup, int Repeat, string Batches);

    public static int RunForward(ForwardSettings options)
    {
        if (options.Repeat < 1 || options.Warmup < 0) throw new UsageException("--repeat must be at least 1 and --warmup at least 0.");
        using var classifier = options.Model.Open();
        var rows = ForwardBenchmark.Run(classifier, options.Warmup, options.Repeat, NumberList.Parse(options.Batches, "--batches", 1, 1024));
        Console.WriteLine($"model {classifier.Spec.Id}, input {classifier.InputSize}x{classifier.InputSize}, {TorchSharp.torch.get_num_threads()} thread(s), device {classifier.Device.type}");
        Console.WriteLine($"{"pass",-18} {"batch",5} {"median ms",10} {"mean ms",9} {"min ms",8} {"GFLOP",8} {"GFLOP/s",8} {"images/s",9}");
        foreach (var row in rows)
            Console.WriteLine($"{row.Pass,-18} {row.Batch,5} {row.Timing.Median,10:0.00} {row.Timing.Mean,9:0.00} {row.Timing.Min,8:0.00} {row.Flops / 1e9,8:0.000} {row.Gflops,8:0.0} {1000 * row.Batch / row.Timing.Median,9:0.0}");
        return ExitCodes.Success;
    }
}
