using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Wasm.Abi;
using Stencil.Wasm.Instructions;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Translation;

internal sealed partial class FunctionTranslator
{
    private bool TranslateControl(Instruction ins)
    {
        switch (ins.Opcode)
        {
            case Opcodes.Block: OpenBlock(ins.A); return true;
            case Opcodes.Loop: OpenLoop(ins.A); return true;
            case Opcodes.If: OpenIf(ins.A); return true;
            case Opcodes.Else: Else(); return true;
            case Opcodes.End: End(); return true;
            case Opcodes.Br: Branch(Frame((uint)ins.A)); return true;
            case Opcodes.BrIf: BranchIf(Frame((uint)ins.A)); return true;
            case Opcodes.BrTable: BranchTable(ins.Targets!, (uint)ins.A); return true;
            case Opcodes.Return:
                _b.Return(PeekN(_frames[0].ResultTypes.Length));
                _reachable = false;
                return true;
            case Opcodes.Unreachable:
                _b.Jump(TrapBlock(WasmTrapKind.Unreachable));
                _reachable = false;
                return true;
            default: return false;
        }
    }

    /// <summary>Code after <c>br</c>, <c>br_table</c>, <c>return</c> or <c>unreachable</c>: nothing is emitted, but the
    /// nesting is followed so the frame's <c>else</c> or <c>end</c> is found (Wasmtime's <c>translate_unreachable_operator</c>).</summary>
    private void TranslateUnreachableOperator(Instruction ins)
    {
        switch (ins.Opcode)
        {
            case Opcodes.Block or Opcodes.Loop or Opcodes.If:
                _unreachableDepth++;
                return;
            case Opcodes.Else when _unreachableDepth == 0:
            {
                // The then-branch ended unreachable; the else-branch is reachable since the `if` was.
                var frame = _frames[^1];
                TruncateStack(frame.StackBase);
                StartElse(frame);
                return;
            }
            case Opcodes.End when _unreachableDepth > 0:
                _unreachableDepth--;
                return;
            case Opcodes.End:
                CloseFrame();
                return;
        }
    }

    private (IrType[] Params, IrType[] Results) BlockType(long blockType)
    {
        if (blockType == -64) return ([], []);
        if (blockType < 0) return ([], [WasmSignatures.IrTypeOf((ValType)(blockType + 0x80))]);
        return (_env.TypeParams((uint)blockType), _env.TypeResults((uint)blockType));
    }

    private Block CreateBlockWithParams(IrType[] types)
    {
        var block = _b.CreateBlock();
        foreach (var t in types) _b.AppendBlockParam(block, t);
        return block;
    }

    private void OpenBlock(long blockType)
    {
        var (ps, rs) = BlockType(blockType);
        _frames.Add(new ControlFrame
        {
            Kind = FrameKind.Block, Destination = CreateBlockWithParams(rs), ParamTypes = ps, ResultTypes = rs,
            StackBase = _stack.Count - ps.Length,
        });
    }

    private void OpenLoop(long blockType)
    {
        var (ps, rs) = BlockType(blockType);
        var header = CreateBlockWithParams(ps);
        _b.Jump(header, PopN(ps.Length));
        _b.SwitchToBlock(header);
        _stack.AddRange(_b.BlockParams(header));
        _frames.Add(new ControlFrame
        {
            Kind = FrameKind.Loop, Destination = CreateBlockWithParams(rs), Header = header, ParamTypes = ps, ResultTypes = rs,
            StackBase = _stack.Count - ps.Length,
        });
    }

    private void OpenIf(long blockType)
    {
        var (ps, rs) = BlockType(blockType);
        var condition = Pop();
        var then = _b.CreateBlock();
        var otherwise = _b.CreateBlock();
        _b.Brif(condition, then, [], otherwise, []);
        _b.SwitchToBlock(then);
        _b.SealBlock(then);
        // The parameters stay on the stack for the then-branch; they dominate the else-branch too, which starts from them again.
        _frames.Add(new ControlFrame
        {
            Kind = FrameKind.If, Destination = CreateBlockWithParams(rs), ElseBlock = otherwise, IfParams = PeekN(ps.Length),
            ParamTypes = ps, ResultTypes = rs, StackBase = _stack.Count - ps.Length,
        });
    }

    private void Else()
    {
        var frame = _frames[^1];
        JumpToExit(frame, PopN(frame.ResultTypes.Length));
        TruncateStack(frame.StackBase);
        StartElse(frame);
    }

    private void StartElse(ControlFrame frame)
    {
        frame.HasElse = true;
        _b.SwitchToBlock(frame.ElseBlock);
        _b.SealBlock(frame.ElseBlock);
        _stack.AddRange(frame.IfParams);
        _reachable = true;
    }

    private void End()
    {
        var frame = _frames[^1];
        JumpToExit(frame, PopN(frame.ResultTypes.Length));
        CloseFrame();
    }

    /// <summary>Pops the innermost frame at its <c>end</c> and continues after it, if anything reaches that point.</summary>
    private void CloseFrame()
    {
        var frame = _frames[^1];
        _frames.RemoveAt(_frames.Count - 1);
        TruncateStack(frame.StackBase);
        if (frame.Kind == FrameKind.If && !frame.HasElse)
        {
            // The missing else-branch passes the parameters through, and is reachable since the `if` was.
            _b.SwitchToBlock(frame.ElseBlock);
            _b.SealBlock(frame.ElseBlock);
            JumpToExit(frame, frame.IfParams);
        }
        if (frame.Kind == FrameKind.Loop) _b.SealBlock(frame.Header);
        if (frame.ExitIsBranchedTo) EnterDestination(frame);
        else _b.SealBlock(frame.Destination);
    }

    private void JumpToExit(ControlFrame frame, Value[] results)
    {
        _b.Jump(frame.Destination, results);
        frame.ExitIsBranchedTo = true;
    }

    /// <summary>Continues after the frame: every branch to its end is known now.</summary>
    private void EnterDestination(ControlFrame frame)
    {
        _b.SwitchToBlock(frame.Destination);
        _b.SealBlock(frame.Destination);
        _stack.AddRange(_b.BlockParams(frame.Destination));
        _reachable = true;
    }

    private ControlFrame Frame(uint depth) => _frames[_frames.Count - 1 - (int)depth];

    private void Branch(ControlFrame target)
    {
        _b.Jump(target.BranchTarget, PeekN(target.BranchArity));
        if (target.Kind != FrameKind.Loop) target.ExitIsBranchedTo = true;
        _reachable = false;
    }

    private void BranchIf(ControlFrame target)
    {
        var condition = Pop();
        var next = _b.CreateBlock();
        _b.Brif(condition, target.BranchTarget, PeekN(target.BranchArity), next, []);
        if (target.Kind != FrameKind.Loop) target.ExitIsBranchedTo = true;
        _b.SwitchToBlock(next);
        _b.SealBlock(next);
    }

    private static void MarkBranchedTo(ControlFrame f)
    {
        if (f.Kind != FrameKind.Loop) f.ExitIsBranchedTo = true;
    }

    private void BranchTable(uint[] depths, uint defaultDepth)
    {
        var index = Pop();
        var defaultFrame = Frame(defaultDepth);
        int arity = defaultFrame.BranchArity;
        foreach (var d in depths) MarkBranchedTo(Frame(d));
        MarkBranchedTo(defaultFrame);
        if (arity == 0)
        {
            var table = new BlockCall[depths.Length];
            for (int i = 0; i < table.Length; i++) table[i] = new BlockCall(Frame(depths[i]).BranchTarget, []);
            _b.BrTable(index, new BlockCall(defaultFrame.BranchTarget, []), table);
        }
        else
        {
            // Each distinct target gets an edge block that passes the values, so the table itself carries no arguments.
            var args = PeekN(arity);
            var edges = new Dictionary<uint, Block>();
            Block Edge(uint depth) => edges.TryGetValue(depth, out var e) ? e : edges[depth] = _b.CreateBlock();
            var table = depths.Select(d => new BlockCall(Edge(d), [])).ToArray();
            _b.BrTable(index, new BlockCall(Edge(defaultDepth), []), table);
            foreach (var (depth, edge) in edges.OrderBy(e => e.Value.Index))
            {
                _b.SwitchToBlock(edge);
                _b.SealBlock(edge);
                _b.Jump(Frame(depth).BranchTarget, args);
            }
        }
        _reachable = false;
    }
}
