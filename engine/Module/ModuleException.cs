using Stencil.Ir.Diagnostics;

namespace Stencil.Engine.Module;

/// <summary>
/// A module was used against its rules (a name defined twice, redeclared incompatibly, a relocation
/// outside its code...). Carries a <see cref="Diagnostic"/> so a front end can report it like any other
/// error instead of showing a stack trace.
/// </summary>
public sealed class ModuleException(Diagnostic diagnostic) : Exception(diagnostic.Message)
{
    /// <summary>The code every module misuse is reported under (the object-writing family of STN4xxx).</summary>
    public const string DiagnosticCode = Building.BuildDiagnosticCodes.ModuleMisuse;

    public Diagnostic Diagnostic { get; } = diagnostic;
}
