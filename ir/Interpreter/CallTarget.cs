using Stencil.Ir.Names;

namespace Stencil.Ir.Interpretation;

/// <summary>What an opaque function address stands for: a module function, a libcall, or a symbol
/// the interpreter knows only by name (calling that is unsupported).</summary>
internal readonly record struct CallTarget(string Symbol, Function? Function, LibCall? LibCall);
