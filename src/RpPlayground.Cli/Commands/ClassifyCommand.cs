using System.CommandLine;
using RpPlayground.Core.Images;

namespace RpPlayground.Cli.Commands;

/// <summary><c>rp classify</c>: the top classes of one image, as lines <c>label TAB probability</c>.</summary>
public static class ClassifyCommand
{
    public static Command Create()
    {
        var selection = new ModelSelection();
        var image = new Argument<string>("IMAGE") { Description = "A PNG, JPEG, BMP, GIF or WebP image." };
        var top = new Option<int>("--top") { Description = "How many classes to print.", DefaultValueFactory = _ => 5 };
        var command = new Command("classify", "Print the most probable classes of an image.") { image, top };
        selection.AddTo(command);
        command.SetAction(parse => Run(new Settings(selection.Read(parse), parse.GetValue(image)!, parse.GetValue(top))));
        return command;
    }

    /// <summary>What the options say.</summary>
    public sealed record Settings(ModelChoice Model, string Image, int Top);

    public static int Run(Settings options)
    {
        if (options.Top < 1) throw new UsageException("--top must be at least 1.");
        var settings = options.Model.LoadSettings();
        using var picture = new ImageDecoder(settings.Images).DecodeFile(options.Image);
        using var classifier = options.Model.Open(settings);
        foreach (var score in classifier.Classify(picture, options.Top))
            Console.WriteLine($"{score.Label}\t{score.Probability:0.0000}");
        return ExitCodes.Success;
    }
}
