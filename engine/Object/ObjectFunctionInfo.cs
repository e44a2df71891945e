using Stencil.Engine.Module;

namespace Stencil.Engine.Object;

/// <summary>Where a defined function ended up in <c>.text</c>, with its trap sites (offsets relative to
/// the function's start), for tools that map addresses back to functions and trap codes.</summary>
public sealed record ObjectFunctionInfo(FuncId Id, string Name, ulong TextOffset, int Size, IReadOnlyList<TrapSite> Traps);
