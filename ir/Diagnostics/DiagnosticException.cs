namespace Stencil.Ir.Diagnostics;

/// <summary>Carries a <see cref="Diagnostic"/> out of deep code (reader, verifier, backend) to the
/// front end, which reports it; never shown as a stack trace.</summary>
public sealed class DiagnosticException(Diagnostic diagnostic) : Exception(diagnostic.Message)
{
    public Diagnostic Diagnostic { get; } = diagnostic;
}
