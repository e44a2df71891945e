using System.Text;
using Stencil.Ir.Diagnostics;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Tests;

/// <summary>
/// Hand-assembles test modules: sections from raw contents, with helpers for the usual ones. Functions added with
/// <see cref="Func"/> get a type, a function-section entry and a body each, emitted in section order by <see cref="Build"/>.
/// </summary>
internal sealed class WasmBuilder
{
    private readonly SortedDictionary<int, List<byte[]>> sections = [];
    private readonly List<byte[]> types = [], functions = [], bodies = [];

    public static readonly byte[] Header = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    /// <summary>A section with raw contents; <paramref name="id"/> orders it (12, data count, sorts as 9.5).</summary>
    public WasmBuilder Section(byte id, params byte[] contents)
    {
        int rank = id == 12 ? 95 : id * 10;
        if (!sections.TryGetValue(rank, out var list)) sections[rank] = list = [];
        list.Add([id, .. U32((uint)contents.Length), .. contents]);
        return this;
    }

    /// <summary>A type only (no function), for block types by index and call_indirect.</summary>
    public WasmBuilder Type(ValType[] parameters, ValType[] results)
    {
        types.Add(FuncType(parameters, results));
        return this;
    }

    /// <summary>A function of a new type, with <paramref name="code"/> (the final end included) and its locals.</summary>
    public WasmBuilder Func(ValType[] parameters, ValType[] results, byte[] code, params ValType[] locals)
    {
        functions.Add(U32((uint)types.Count));
        types.Add(FuncType(parameters, results));
        var localBytes = new List<byte>(U32((uint)locals.Length));
        foreach (var local in locals) localBytes.AddRange([1, (byte)local]);
        byte[] body = [.. localBytes, .. code];
        bodies.Add([.. U32((uint)body.Length), .. body]);
        return this;
    }

    public WasmBuilder Memory(uint min, uint? max = null) => Section(5, Vec([Limits(min, max)]));

    public WasmBuilder Table(ValType element, uint min, uint? max = null) => Section(4, Vec([[(byte)element, .. Limits(min, max)]]));

    public byte[] Build()
    {
        var all = new SortedDictionary<int, List<byte[]>>(sections);
        void Add(int rank, byte id, byte[] contents) => all[rank] = [[id, .. U32((uint)contents.Length), .. contents], .. all.GetValueOrDefault(rank) ?? []];
        if (types.Count > 0) Add(10, 1, Vec(types));
        if (functions.Count > 0) Add(30, 3, Vec(functions));
        if (bodies.Count > 0) Add(100, 10, Vec(bodies));
        var bytes = new List<byte>(Header);
        foreach (var list in all.Values) foreach (var s in list) bytes.AddRange(s);
        return bytes.ToArray();
    }

    public WasmModule Load() => WasmLoader.Load(Build(), "test.wasm");

    /// <summary>The diagnostic loading the module gives (it must give one).</summary>
    public Diagnostic Reject()
    {
        try
        {
            Load();
        }
        catch (DiagnosticException e)
        {
            return e.Diagnostic;
        }
        Assert.Fail("the module was accepted");
        return null!;
    }

    public static byte[] FuncType(ValType[] parameters, ValType[] results) =>
        [0x60, .. U32((uint)parameters.Length), .. parameters.Select(p => (byte)p), .. U32((uint)results.Length), .. results.Select(r => (byte)r)];

    public static byte[] Limits(uint min, uint? max) => max is { } m ? [1, .. U32(min), .. U32(m)] : [0, .. U32(min)];

    public static byte[] Vec(IReadOnlyList<byte[]> items) => [.. U32((uint)items.Count), .. items.SelectMany(i => i)];

    public static byte[] Name(string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        return [.. U32((uint)bytes.Length), .. bytes];
    }

    public static byte[] U32(uint value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        } while (value != 0);
        return bytes.ToArray();
    }

    public static byte[] S32(int value)
    {
        var bytes = new List<byte>();
        while (true)
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bool done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            bytes.Add(done ? b : (byte)(b | 0x80));
            if (done) return bytes.ToArray();
        }
    }

    public static readonly ValType[] None = [];
    public static readonly ValType[] I32 = [ValType.I32];
    public static readonly ValType[] I64 = [ValType.I64];
}
