namespace Stencil.Ir.Keys;

/// <summary>Everything outside the stencil that decides its machine code: target, every ISA and
/// optimization flag (in a fixed order), and the compiler's build id.</summary>
public sealed record KeyContext(string Triple, IReadOnlyList<KeyValuePair<string, string>> Flags, string CompilerBuildId);
