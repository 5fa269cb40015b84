using System.CommandLine;
using RpPlayground.Cli.Benchmarks;

namespace RpPlayground.Cli.Commands;

/// <summary><c>rp bench</c>: benchmarks that print figures.</summary>
public static class BenchCommand
{
    public static Command Create() => new("bench", "Benchmarks that print timings.") { Forward() };

    static Command Forward()
    {
        var selection = new ModelSelection();
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured runs first.", DefaultValueFactory = _ => 3 };
        var repeat = new Option<int>("--repeat") { Description = "Measured runs.", DefaultValueFactory = _ => 20 };
        var command = new Command("forward", "Milliseconds for a forward pass and for forward+backward to the input, at batch 1 and 2, with GFLOP/s.") { warmup, repeat };
        selection.AddTo(command);
        command.SetAction(parse =>
        {
            if (parse.GetValue(repeat) < 1 || parse.GetValue(warmup) < 0) throw new UsageException("--repeat must be at least 1 and --warmup at least 0.");
            using var classifier = selection.Open(parse);
            var rows = ForwardBenchmark.Run(classifier, parse.GetValue(warmup), parse.GetValue(repeat));
            Console.WriteLine($"model {classifier.Spec.Id}, input {classifier.InputSize}x{classifier.InputSize}, {TorchSharp.torch.get_num_threads()} thread(s), device {classifier.Device.type}");
            Console.WriteLine($"{"pass",-18} {"batch",5} {"median ms",10} {"mean ms",9} {"min ms",8} {"GFLOP",8} {"GFLOP/s",8}");
            foreach (var row in rows)
                Console.WriteLine($"{row.Pass,-18} {row.Batch,5} {row.Timing.Median,10:0.00} {row.Timing.Mean,9:0.00} {row.Timing.Min,8:0.00} {row.Flops / 1e9,8:0.000} {row.Gflops,8:0.0}");
            return ExitCodes.Success;
        });
        return command;
    }
}
