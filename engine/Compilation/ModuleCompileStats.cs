namespace Stencil.Engine.Compilation;

/// <summary>How a module's functions got their code: <c>Functions = Cached + Compiled + Deduplicated</c>.</summary>
public readonly record struct ModuleCompileStats(int Functions, int Cached, int Compiled, int Deduplicated);
