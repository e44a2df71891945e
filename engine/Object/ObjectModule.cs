using Stencil.Engine.Module;
using Stencil.Ir.Names;
using Stencil.Isa;

namespace Stencil.Engine.Object;

/// <summary>
/// A module whose output is one relocatable object file (ELF64: x86-64, or big-endian s390x). Definitions are kept in the
/// order they are given, and that order alone decides the layout, so the same calls always give the
/// same bytes. <see cref="Finish"/> ends the module and returns the object.
/// </summary>
public sealed class ObjectModule : ModuleBase
{
    private readonly ObjectModuleOptions _options;
    private bool _finished;

    public ObjectModule(ObjectModuleOptions? options = null)
    {
        _options = options ?? new ObjectModuleOptions();
        if (!IsSupported(_options.Triple)) throw ModuleErrors.UnsupportedTarget(_options.Triple.ToString());
        if (_options.FileSymbolName is { } file && (file.Length == 0 || file.Contains('\0')))
            throw ModuleErrors.InvalidName(file);
    }

    /// <summary>Whether this writer can produce objects for <paramref name="triple"/>.</summary>
    public static bool IsSupported(TargetTriple triple) =>
        ElfMachine.TryGet(triple.Architecture, out _) &&
        triple.OperatingSystem is not ("windows" or "macos" or "darwin" or "ios");

    /// <summary>Ends the module and lays out the object. Throws <see cref="ModuleException"/> when a
    /// referenced Local symbol was never defined; the module cannot be used afterwards.</summary>
    public ObjectProduct Finish()
    {
        EnsureOpen();
        _finished = true;
        return ElfObjectBuilder.Build(Declarations, FunctionDefinitions, DataDefinitions, _options.FileSymbolName, _options.Triple.Architecture);
    }

    protected override void EnsureOpen()
    {
        if (_finished) throw ModuleErrors.AlreadyFinished();
    }
}
