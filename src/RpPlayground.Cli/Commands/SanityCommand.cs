using System.CommandLine;
using System.Globalization;
using RpPlayground.Cli.Benchmarks;
using RpPlayground.Core.Images;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Metrics.Sanity;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace RpPlayground.Cli.Commands;

/// <summary><c>rp sanity</c>: the model-randomisation sanity check for several methods over a set of images.</summary>
public static class SanityCommand
{
    const int CellSize = 112;

    public static Command Create()
    {
        var selection = new ModelSelection();
        var images = new Option<string?>("--images") { Description = "A folder of images (each explained for its most probable class)." };
        var scenes = new Option<int>("--scenes") { Description = "Built-in scenes instead (each explained for its first object's class).", DefaultValueFactory = _ => 0 };
        var methods = new Option<string>("--methods") { Description = "Comma-separated methods.", DefaultValueFactory = _ => MethodList.All };
        var mode = new Option<RandomisationMode>("--mode") { Description = "Cascading (from the logits down, cumulative) or Independent (one layer at a time).", DefaultValueFactory = _ => RandomisationMode.Cascading };
        var seed = new Option<int>("--seed") { Description = "Seed of the re-initialised weights and of the methods.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "Folder for grid.png (the first image: methods by stage) and curves.csv.", Required = true };
        var command = new Command("sanity", "Model-randomisation sanity check (Adebayo et al., 2018): how each method's map changes as layers are re-initialised.") { images, scenes, methods, mode, seed, output };
        selection.AddTo(command);
        command.SetAction((parse, cancellation) => Task.FromResult(Run(new Settings(selection.Read(parse), parse.GetValue(images), parse.GetValue(scenes),
            parse.GetValue(methods)!, parse.GetValue(mode), parse.GetValue(seed), parse.GetValue(output)!), cancellation)));
        return command;
    }

    /// <summary>The image in the first column, then one row per method: its map on the trained model and after each stage.</summary>
    static void WriteGrid(string path, Image<Rgb24> picture, IReadOnlyList<IReadOnlyList<SanityStage>> rows)
    {
        var columns = rows.Max(r => r.Count) + 1;
        using var grid = new Image<Rgb24>(columns * CellSize, rows.Count * CellSize, new Rgb24(255, 255, 255));
        for (var r = 0; r < rows.Count; r++)
        {
            Place(grid, picture.Clone(), 0, r);
            for (var c = 0; c < rows[r].Count; c++)
                Place(grid, HeatMap.Render(MapSimilarity.Scaled(rows[r][c].Map), picture.Width, picture.Height), c + 1, r);
        }
        grid.SaveAsPng(path);
    }

    static void Place(Image<Rgb24> grid, Image<Rgb24> cell, int column, int row)
    {
        using (cell)
        {
            cell.Mutate(x => x.Resize(CellSize - 4, CellSize - 4));
            grid.Mutate(x => x.DrawImage(cell, new Point(column * CellSize + 2, row * CellSize + 2), 1f));
        }
    }

    /// <summary>What the options say.</summary>
    public sealed record Settings(ModelChoice Model, string? Images, int Scenes, string Methods, RandomisationMode Mode, int Seed, string Output);

    public static int Run(Settings options, CancellationToken cancellation)
    {
        var ids = MethodList.Parse(options.Methods);
        var settings = options.Model.LoadSettings();
        var folder = Directory.CreateDirectory(options.Output).FullName;
        var rows = new List<string> { "image,method,stage,layer,spearman,spearman_abs,ssim,hog" };
        var grid = new List<IReadOnlyList<SanityStage>>();
        // A private copy (Open loads one); the check puts its weights back after every run.
        using var copy = options.Model.Open(settings, fallbackId: options.Scenes > 0 ? "world" : null);
        var inputs = EvaluationInputs.Load(options.Images, options.Scenes, copy, new ImageDecoder(settings.Images));
        var layers = copy.Network.Layers.Reverse().Select(l => l.Name).ToArray();
        var similarity = new Dictionary<(string Method, int Stage), List<double>>();
        var progress = new ConsoleProgress("images x methods", inputs.Count * ids.Length);
        var done = 0;
        foreach (var input in inputs)
        {
            foreach (var id in ids)
            {
                var method = new MethodChoice(id).Create(copy);
                var stages = new List<SanityStage>();
                foreach (var stage in SanityCheck.Run(copy, input.Pixels, input.Target, method, options.Mode, options.Seed, cancellation))
                {
                    stages.Add(stage);
                    var s = stage.Similarity;
                    rows.Add(string.Create(CultureInfo.InvariantCulture, $"{input.Name},{id},{stage.Stage},{stage.Layer ?? "none"},{s.Spearman:0.#####},{s.SpearmanAbsolute:0.#####},{s.Ssim:0.#####},{s.Hog:0.#####}"));
                    if (!similarity.TryGetValue((id, stage.Stage), out var list)) similarity[(id, stage.Stage)] = list = [];
                    list.Add(s.Spearman);
                }
                if (input == inputs[0]) grid.Add(stages);
                progress.Report(++done);
            }
        }
        progress.Done();
        using (var picture = ImageTensors.ToImage(inputs[0].Pixels)) WriteGrid(Path.Combine(folder, "grid.png"), picture, grid);
        foreach (var input in inputs) input.Pixels.Dispose();
        File.WriteAllLines(Path.Combine(folder, "curves.csv"), rows);

        Console.WriteLine($"{options.Mode} randomisation, {inputs.Count} images: mean Spearman rank correlation with the trained model's map (lower = the map depends more on the weights).");
        Console.WriteLine("Columns are stages: the layers named are re-initialised " + (options.Mode == RandomisationMode.Cascading ? "together with every column to their left." : "alone."));
        Console.WriteLine();
        Console.WriteLine($"| method | {string.Join(" | ", layers)} |");
        Console.WriteLine($"| --- |{string.Concat(layers.Select(_ => " --- |"))}");
        foreach (var id in ids)
            Console.WriteLine($"| {id} | {string.Join(" | ", layers.Select((_, k) => MeanAndError.Of(similarity[(id, k + 1)]).Mean.ToString("0.00", CultureInfo.InvariantCulture)))} |");
        Console.WriteLine();
        Console.WriteLine($"grid.png: rows {string.Join(", ", ids)}; columns: the image, trained, then {string.Join(", ", layers)}. Written to {folder}");
        return ExitCodes.Success;
    }
}
