using System.CommandLine;
using RpPlayground.Cli;
using RpPlayground.Cli.Commands;

var root = new RootCommand("RP Playground: Robust Perturbation and other visual explanations of image classifiers.")
{
    ModelsCommand.Create(),
    ClassifyCommand.Create(),
    BenchCommand.Create(),
    WorldCommand.Create(),
    TrainCommand.Create(),
    ExplainCommand.Create(),
    DeletionCommand.Create(),
    SanityCommand.Create(),
    LocalizeCommand.Create(),
    WorkerCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine($"rp: {error.Message}");
    return ExitCodes.BadInput;
}
try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e)
{
    return ExitCodes.Report(e);
}
