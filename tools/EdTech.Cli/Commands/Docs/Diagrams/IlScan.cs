using System.Reflection;

namespace EdTech.Cli.Commands.Docs.Diagrams;

/// <summary>
/// Reads compiled code the way the runtime sees it: the string literals a type's methods load (<c>nameof(XActivity)</c> compiles
/// to one), and the methods they call. Used where a fact is in the code but in no catalog (which activities an orchestrator
/// calls), so the diagram follows the code instead of a hand-kept list. Covers the type's nested types too (async state
/// machines, lambdas' closures).
/// </summary>
public static class IlScan
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every string literal (ldstr) in the methods, constructors and property accessors of <paramref name="type"/> and its nested types.</summary>
    public static IReadOnlySet<string> Strings(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var method in MethodsOf(type))
        {
            found.UnionWith(Strings(method));
        }

        return found;
    }

    /// <summary>The string literals (ldstr) of one method body.</summary>
    public static IReadOnlyList<string> Strings(MethodBase method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var found = new List<string>();
        foreach (var token in Operands(method, 0x72))
        {
            try
            {
                found.Add(method.Module.ResolveString(token));
            }
            catch (ArgumentException)
            {
                // Not a string token after all (the byte was inside another instruction's operand).
            }
        }

        return found;
    }

    /// <summary>The methods <paramref name="method"/> calls (call, callvirt), resolved in its module; unresolvable tokens are skipped.</summary>
    public static IReadOnlyList<MethodBase> Calls(MethodBase method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var calls = new List<MethodBase>();
        var typeArgs = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        foreach (var token in Operands(method, 0x28).Concat(Operands(method, 0x6F)))
        {
            try
            {
                if (method.Module.ResolveMethod(token, typeArgs, methodArgs) is { } called)
                {
                    calls.Add(called);
                }
            }
            catch (ArgumentException)
            {
            }
            catch (BadImageFormatException)
            {
            }
        }

        return calls;
    }

    /// <summary>
    /// The 4-byte metadata tokens following each <paramref name="opcode"/> byte whose token table matches the opcode (0x70 strings for ldstr,
    /// 0x06/0x0A/0x2B methods for calls). A scan, not a decoder: a stray byte may match, so callers resolve and filter what they get.
    /// </summary>
    private static IEnumerable<int> Operands(MethodBase method, byte opcode)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        for (var i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] != opcode)
            {
                continue;
            }

            var table = il[i + 4];
            var wanted = opcode == 0x72 ? table == 0x70 : table is 0x06 or 0x0A or 0x2B;
            if (wanted)
            {
                yield return BitConverter.ToInt32(il, i + 1);
            }
        }
    }

    private static IEnumerable<MethodBase> MethodsOf(Type type)
    {
        foreach (var method in type.GetMethods(Everything))
        {
            yield return method;
        }

        foreach (var constructor in type.GetConstructors(Everything))
        {
            yield return constructor;
        }

        foreach (var nested in type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic))
        {
            foreach (var method in MethodsOf(nested))
            {
                yield return method;
            }
        }
    }
}
