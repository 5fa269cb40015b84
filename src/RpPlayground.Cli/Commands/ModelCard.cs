using System.Text;
using RpPlayground.Core.World;

namespace RpPlayground.Cli.Commands;

/// <summary>The world model's card: what it was trained on, how, and how well it does.</summary>
public static class ModelCard
{
    public static string Write(WorldTrainingOptions options, int evalSeed, WorldEvaluation.Result result, double minutes, int threads)
    {
        var text = new StringBuilder();
        text.AppendLine("# Model card: world (the built-in synthetic-world classifier)");
        text.AppendLine();
        text.AppendLine("Made by `rp train world`; everything below is written by that command.");
        text.AppendLine();
        text.AppendLine("## Classes (output order; one sigmoid each)");
        text.AppendLine();
        text.AppendLine(string.Join(", ", WorldClasses.Labels.Select((l, i) => $"{i} {l}")));
        text.AppendLine();
        text.AppendLine("## The world and its context rules");
        text.AppendLine();
        text.AppendLine("128x128 scenes of 1 to 4 objects (position, size, rotation and colour varied; objects may hide up to 60% of one another), pixel noise sigma 0.02.");
        foreach (var rule in WorldClasses.ContextRules) text.AppendLine($"- {rule}");
        text.AppendLine();
        text.AppendLine("## Network");
        text.AppendLine();
        text.AppendLine("Conv 5x5/2 (24) - BN - ReLU - max pool; conv 3x3 (48) - BN - ReLU - max pool; conv 3x3 (64) - BN - ReLU; conv 3x3 (96) - BN - ReLU (`block4`, 16x16, the Grad-CAM layer); global average pool; linear to 8 logits. Input: RGB in [0, 1].");
        text.AppendLine();
        text.AppendLine("## Training");
        text.AppendLine();
        text.AppendLine($"- Command: `rp train world --seed {options.Seed} --epochs {options.Epochs}`");
        text.AppendLine($"- {options.Epochs} epochs of {options.ScenesPerEpoch} fresh scenes (series seed {options.Seed}), batch {options.BatchSize}, Adam, learning rate {options.LearningRate} with cosine decay, binary cross-entropy.");
        text.AppendLine($"- Took {minutes:0.0} minutes on {threads} CPU thread(s).");
        text.AppendLine("- Training is deterministic in its data; LibTorch's CPU kernels may still differ in the last bits between machines, so a retrained file can differ slightly.");
        text.AppendLine();
        text.AppendLine($"## Accuracy on {result.Scenes} held-out scenes (series seed {evalSeed}, never trained on)");
        text.AppendLine();
        text.AppendLine("| class | AP |");
        text.AppendLine("| --- | --- |");
        for (var c = 0; c < result.Labels.Count; c++) text.AppendLine($"| {result.Labels[c]} | {result.ClassAp[c]:0.0000} |");
        text.AppendLine($"| **mAP** | **{result.MeanAp:0.0000}** |");
        text.AppendLine();
        text.AppendLine($"Reproduce: `rp world eval --scenes {result.Scenes} --seed {evalSeed}`.");
        return text.ToString();
    }
}
