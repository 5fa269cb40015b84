namespace RpPlayground.Core.Metrics.Sanity;

/// <summary>How the model-randomisation sanity check (Adebayo et al., NeurIPS 2018) changes the model between maps.</summary>
public enum RandomisationMode
{
    /// <summary>Layer after layer from the logits down, each stage keeping the layers randomised before it.</summary>
    Cascading,

    /// <summary>One layer at a time, the others as trained.</summary>
    Independent,
}
