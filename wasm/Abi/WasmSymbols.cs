using System.Text;

namespace Stencil.Wasm.Abi;

/// <summary>
/// Symbol names of one module's generated code, collision-free between modules of one object: every name starts
/// with <c>w2n_</c> and the mangled module name. Mangling keeps ASCII letters and digits and writes every other byte
/// of the UTF-8 name as <c>_HH</c> (upper-case hex), so a mangled name never contains <c>__</c> and the double
/// underscore before the kind is an unambiguous separator.
/// </summary>
public sealed class WasmSymbols(string moduleName)
{
    public string Prefix { get; } = "w2n_" + Mangle(moduleName);

    /// <summary>Defined function <paramref name="funcIndex"/> (index in the function space, imports included).</summary>
    public string Function(uint funcIndex) => $"{Prefix}__f{funcIndex}";

    /// <summary>The array-call trampoline of type <paramref name="typeIndex"/>: <c>void(i64 calleeVmctx, i64 code, i64 values)</c>
    /// loads the arguments from the values buffer, calls <c>code</c> with the wasm signature and stores the results back.</summary>
    public string ArrayTrampoline(uint typeIndex) => $"{Prefix}__array{typeIndex}";

    /// <summary>The wasm-signature trampoline of host import <paramref name="funcIndex"/>: spills the arguments to a values
    /// buffer, calls <see cref="WasmBuiltin.HostCall"/>, traps on a non-zero status, reloads the results.</summary>
    public string HostTrampoline(uint funcIndex) => $"{Prefix}__import{funcIndex}";

    public static string Mangle(string name)
    {
        var sb = new StringBuilder();
        foreach (byte b in Encoding.UTF8.GetBytes(name))
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9') sb.Append((char)b);
            else sb.Append('_').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }
}
