using Stencil.Ir;
using Stencil.Ir.Entities;

namespace Stencil.Wasm.Translation;

internal enum FrameKind : byte { Block, Loop, If }

/// <summary>
/// One open wasm control structure during translation (Wasmtime's <c>ControlStackFrame</c>). A branch to a block or an
/// <c>if</c> goes to <see cref="Destination"/> (whose parameters are the results); a branch to a loop goes to
/// <see cref="Header"/> (whose parameters are the loop's parameters). The function body is the outermost block.
/// </summary>
internal sealed class ControlFrame
{
    public required FrameKind Kind { get; init; }
    public required Block Destination { get; init; }
    public Block Header { get; init; }
    /// <summary>For an <c>if</c>: where the condition goes when false.</summary>
    public Block ElseBlock { get; init; }
    /// <summary>For an <c>if</c>: its parameters, which the else branch starts from again.</summary>
    public Value[] IfParams { get; init; } = [];
    public required IrType[] ParamTypes { get; init; }
    public required IrType[] ResultTypes { get; init; }
    /// <summary>The value-stack height below the frame's parameters.</summary>
    public required int StackBase { get; init; }
    /// <summary>Some branch (or the fall-through end of a reachable body) goes to <see cref="Destination"/>.</summary>
    public bool ExitIsBranchedTo { get; set; }
    /// <summary>For an <c>if</c>: an <c>else</c> was seen.</summary>
    public bool HasElse { get; set; }

    /// <summary>How many values a branch to this frame carries.</summary>
    public int BranchArity => Kind == FrameKind.Loop ? ParamTypes.Length : ResultTypes.Length;

    public Block BranchTarget => Kind == FrameKind.Loop ? Header : Destination;
}
