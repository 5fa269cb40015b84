using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;

namespace RpPlayground.Tests.Shared;

/// <summary>
/// Reads an assembly's IL and lists every call that hands LibTorch a TorchSharp <c>Scalar</c> nobody keeps alive.
/// TorchSharp 0.107's Scalar frees its native value in a finalizer and passes a raw pointer to the native call; a Scalar
/// made implicitly from a number is unreachable during that call, so a collection started by another thread can free
/// it while LibTorch reads it ("Unknown scalar type", a NaN mask, a crash). Calls found here: an implicit conversion
/// to Scalar, any TorchSharp method that makes one inside, directly or through another (a Tensor operator taking a
/// number, <c>functional.leaky_relu(double)</c>, even <c>a + b</c>, whose alpha of 1 is an implicit Scalar: found by
/// reading TorchSharp's own IL), and TorchSharp's optimisers.
/// </summary>
public static class ScalarRaceScanner
{
    static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    static readonly ConcurrentDictionary<Assembly, HashSet<MethodBase>> ConvertingInside = new();

    /// <summary>"Type.Method calls X" for every racing call in <paramref name="assembly"/>.</summary>
    public static IReadOnlyList<string> Find(Assembly assembly) =>
        Methods(assembly)
            .SelectMany(m => CalledMethods(m).Where(Races).Select(c => $"{m.DeclaringType!.FullName}.{m.Name} calls {c.DeclaringType!.Name}.{c.Name}({string.Join(", ", c.GetParameters().Select(p => p.ParameterType.Name))})"))
            .Distinct()
            .Order()
            .ToList();

    /// <summary>How many calls into TorchSharp the scan read in <paramref name="assembly"/> (a scan that read none proves nothing).</summary>
    public static int TorchSharpCalls(Assembly assembly) =>
        Methods(assembly).SelectMany(CalledMethods).Count(c => c.DeclaringType?.Assembly.GetName().Name == "TorchSharp");

    static bool Races(MethodBase called)
    {
        var type = called.DeclaringType;
        if (type?.Assembly.GetName().Name != "TorchSharp") return false;
        if (IsImplicitScalar(called) || IsOptimiser(type) || (called is MethodInfo m && IsOptimiser(m.ReturnType))) return true;
        return ConvertingInside.GetOrAdd(type.Assembly, Converting).Contains(called);
    }

    static bool IsImplicitScalar(MethodBase method) => method.DeclaringType?.Name == "Scalar" && method.Name == "op_Implicit";

    static bool IsOptimiser(Type? type) => type is not null && (type.Name == "Optimizer" || IsOptimiser(type.BaseType));

    /// <summary>
    /// TorchSharp's methods that make an implicit Scalar in their own IL or in a TorchSharp method they call (for
    /// example <c>Tensor.add(Tensor)</c>, which calls <c>add(target, 1)</c>): a fixed point over TorchSharp's call graph.
    /// </summary>
    static HashSet<MethodBase> Converting(Assembly torchSharp)
    {
        var calls = Methods(torchSharp).ToDictionary(m => m, m => CalledMethods(m).Where(c => c.DeclaringType?.Assembly == torchSharp).ToArray());
        var converting = calls.Where(c => c.Value.Any(IsImplicitScalar)).Select(c => c.Key).ToHashSet();
        for (var grown = true; grown;)
        {
            grown = false;
            foreach (var (method, called) in calls)
                if (!converting.Contains(method) && called.Any(converting.Contains)) grown = converting.Add(method);
        }
        return converting;
    }

    static IEnumerable<MethodBase> Methods(Assembly assembly) =>
        LoadableTypes(assembly).SelectMany(t => t.GetMethods(Declared).Cast<MethodBase>().Concat(t.GetConstructors(Declared)));

    static Type[] LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>().ToArray();
        }
    }

    const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    static IEnumerable<MethodBase> CalledMethods(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var typeArguments = method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            var code = OpCodesByValue[value];
            at += code.Size;
            if (code.OperandType == OperandType.InlineMethod)
            {
                var called = Resolve(method.Module, BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                if (called is not null) yield return called;
            }
            at += OperandSize(code.OperandType, il, at);
        }
    }

    static MethodBase? Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        try
        {
            return module.ResolveMethod(token, typeArguments, methodArguments);
        }
        catch (ArgumentException)
        {
            return null;  // a generic method whose context is not ours to resolve
        }
    }

    static int OperandSize(OperandType type, byte[] il, int at) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };
}
