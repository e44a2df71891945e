namespace Stencil.Ir.Diagnostics;

public enum DiagnosticSeverity : byte { Error, Warning, Info }
