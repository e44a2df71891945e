using Stencil.Engine.Module;
using Stencil.Ir.Diagnostics;
using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Jit;

/// <summary>Every way a <see cref="JitModule"/> can be misused or fail to link, with its wording.</summary>
internal static class JitErrors
{
    private static ModuleException Error(string message) => new(Diagnostic.Error(ModuleException.DiagnosticCode, message));

    public static ModuleException AlreadyFinalized() =>
        Error("the JIT module is already finalized; define everything before calling FinalizeDefinitions");

    public static ModuleException NotFinalized() =>
        Error("the JIT module is not finalized yet; call FinalizeDefinitions before asking for addresses");

    public static ModuleException Unresolved(string name) =>
        Error($"`{name}` is referenced but neither defined in the JIT module nor found in the process (libc, libm)");

    public static ModuleException NotDefined(string name) =>
        Error($"function `{name}` is declared but has no code in the JIT module");

    public static ModuleException OutOfRange(string name, Reloc kind, uint offset) =>
        Error($"the {kind} relocation at offset {offset} of `{name}` cannot reach its target");

    public static ModuleException UnknownFormula(string name, Reloc kind, RelocFormula formula) =>
        Error($"the {kind} relocation of `{name}` needs the {formula} formula, which the JIT module cannot apply");

    public static ModuleException ThreadLocal(string name, Reloc kind) =>
        Error($"`{name}` reaches a thread-local variable ({kind}, from `tls_value`); the JIT module cannot run thread-local access, which only the system linker resolves: build an object or shared library instead");

    public static ModuleException UnsupportedKnownSymbol(string symbol) =>
        Error($"the JIT module cannot bind the platform symbol `{symbol}`");
}
