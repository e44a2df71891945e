namespace Stencil.Ir.Keys;

/// <summary>Everything outside the stencil that decides its machine code: target, every ISA and
/// optimization flag (in a fixed order), and the compiler's build id. The key encoder reads a context
/// once, when it first keys a function with it, so its flags must not change after that.</summary>
public sealed record KeyContext(string Triple, IReadOnlyList<KeyValuePair<string, string>> Flags, string CompilerBuildId);
