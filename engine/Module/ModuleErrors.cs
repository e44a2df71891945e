using Stencil.Isa;
using Stencil.Ir.Diagnostics;
using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Module;

/// <summary>Every way a module can be misused, with its wording, in one place; all are reported under
/// <see cref="ModuleException.DiagnosticCode"/>.</summary>
internal static class ModuleErrors
{
    private static ModuleException Error(string message) => new(Diagnostic.Error(ModuleException.DiagnosticCode, message));

    public static ModuleException InvalidName(string name) =>
        Error($"`{name}` cannot be a symbol name: names must be non-empty and contain no NUL character");

    public static ModuleException FunctionIsData(string name) =>
        Error($"`{name}` is declared as data and cannot also be declared as a function");

    public static ModuleException DataIsFunction(string name) =>
        Error($"`{name}` is declared as a function and cannot also be declared as data");

    public static ModuleException IncompatibleLinkage(string name, Linkage existing, Linkage requested) =>
        Error($"`{name}` is declared {existing} and cannot be redeclared {requested}: a local symbol cannot also be visible outside the object");

    public static ModuleException IncompatibleWritability(string name, bool existingWritable) =>
        Error($"data `{name}` is declared {(existingWritable ? "writable" : "read-only")} and cannot be redeclared {(existingWritable ? "read-only" : "writable")}");

    public static ModuleException DuplicateFunctionDefinition(string name) =>
        Error($"function `{name}` is defined twice; every function may be defined only once per module");

    public static ModuleException DuplicateDataDefinition(string name) =>
        Error($"data `{name}` is defined twice; every data object may be defined only once per module");

    public static ModuleException UnknownFunction(FuncId id) =>
        Error($"{id} was not declared in this module");

    public static ModuleException UnknownData(DataId id) =>
        Error($"{id} was not declared in this module");

    public static ModuleException BadAlignment(string name, int alignment) =>
        Error($"`{name}` asks for alignment {alignment}; alignment must be a power of two between 1 and 65536");

    public static ModuleException RelocOutOfRange(string name, uint offset, Reloc kind, int length) =>
        Error($"`{name}` has a {kind} relocation at offset {offset} that does not fit in its {length} bytes");

    public static ModuleException UnknownRelocKind(string name, Reloc kind) =>
        Error($"`{name}` has a relocation of unknown kind {(int)kind}");

    public static ModuleException RelocKindNotOnMachine(string name, Reloc kind, Architecture machine) =>
        Error($"`{name}` has a {kind} relocation, which has no ELF relocation type on {machine}");

    public static ModuleException TrapOutOfRange(string name, uint offset, int length) =>
        Error($"`{name}` has a trap site at offset {offset}, past the end of its {length} bytes of code");

    public static ModuleException UndefinedLocal(string name) =>
        Error($"`{name}` is declared Local but never defined; a local symbol can only be resolved inside this object");

    public static ModuleException DefinedThreadLocal(string name) =>
        Error($"`{name}` is defined in this object and also reached as a thread-local variable; Stencil defines no thread-local data (.tdata), so a thread-local variable must come from elsewhere");

    public static ModuleException AlreadyFinished() =>
        Error("the module is already finished; declare and define everything before calling Finish");

    public static ModuleException UnsupportedTarget(string triple) =>
        Error($"object files can only be written for x86_64 ELF targets, not `{triple}`");
}
