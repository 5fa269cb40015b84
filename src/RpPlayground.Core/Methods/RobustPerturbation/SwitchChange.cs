namespace RpPlayground.Core.Methods.RobustPerturbation;

/// <summary>RP's switches and weights from <see cref="Iteration"/> on (1-based: the first iteration that used them).</summary>
public sealed record SwitchChange(int Iteration, RpSwitches Switches);
