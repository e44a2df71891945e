using Stencil.Engine.Compilation;
using Stencil.Engine.Jit;
using Stencil.Engine.Module;
using Stencil.Ir.Text;
using Stencil.Isa;

namespace Stencil.Engine.Tests.Jit;

/// <summary>Compiles CLIF text for the host into a <see cref="JitModule"/>.</summary>
internal static class JitTestSupport
{
    public static Context HostContext() => new(IsaRegistry.Lookup(TargetTriple.X86_64Linux, IsaFlags.Default));

    public static FuncId Define(JitModule module, Context context, string clif)
    {
        var function = ClifReader.ParseFunction(clif);
        var code = Finalizer.Finalize(context.Compile(function.Stencil), function.Params);
        return module.DefineCompiledCode(code, Linkage.Export);
    }

    /// <summary>Maps <c>mov eax, value; ret</c> near <paramref name="hint"/>, read-execute.</summary>
    public static JitMemoryRegion ReturnConstantAt(nint hint, int value)
    {
        var region = JitMemoryRegion.Allocate(4096, shared: false, hint);
        var bytes = region.Bytes;
        bytes[0] = 0xB8;
        BitConverter.TryWriteBytes(bytes[1..], value);
        bytes[5] = 0xC3;
        region.Protect(JitProtection.ReadExecute);
        return region;
    }

    /// <summary>The permission column of the /proc/self/maps line that contains <paramref name="address"/>, or null.</summary>
    public static string? MappingPermissions(nint address)
    {
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var range = line.Split(' ')[0].Split('-');
            var start = Convert.ToUInt64(range[0], 16);
            var end = Convert.ToUInt64(range[1], 16);
            if ((ulong)address >= start && (ulong)address < end) return line.Split(' ')[1];
        }
        return null;
    }
}
