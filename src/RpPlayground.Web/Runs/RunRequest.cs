using RpPlayground.Core.Methods;

namespace RpPlayground.Web.Runs;

/// <summary>A run's whole definition: which model, which image (a sample id), which class, which method with which settings, which seed.</summary>
public sealed record RunRequest(string ModelId, string SampleId, int Target, string Method, MethodSettings Settings, int Seed);
