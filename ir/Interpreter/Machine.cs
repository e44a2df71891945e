using System.Runtime.CompilerServices;
using Stencil.Ir.Entities;
using Stencil.Ir.Names;

namespace Stencil.Ir.Interpretation;

/// <summary>
/// Runs one call tree: walks blocks, binds block parameters, dispatches data opcodes to the
/// per-family evaluators and handles control flow, calls and global values itself. Traps and
/// unsupported constructs unwind as exceptions that <see cref="Interpreter.Call"/> turns into results.
/// </summary>
internal sealed class Machine(InterpreterModule module, InterpreterOptions options)
{
    private readonly AddressSpace _memory = new();
    private readonly FunctionAddresses _addresses = new();
    private long _steps;
    // The pinned register is one machine-wide value, as on hardware: callees see what callers set.
    private UInt128 _pinned;

    /// <summary>Calls <paramref name="function"/>; tail calls replace the current invocation instead of nesting.</summary>
    public DataValue[] Invoke(Function function, DataValue[] args, int depth)
    {
        if (depth > options.MaxCallDepth) throw new TrapException(TrapCode.StackOverflow);
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw new TrapException(TrapCode.StackOverflow);
        while (true)
        {
            var (returns, tail) = RunFrame(function, Normalize(function.Signature.Params.Select(p => p.Type).ToArray(), args, function.Name.ToString()), depth);
            if (tail is null) return returns;
            if (tail.Value.Target.Function is { } next) { function = next; args = tail.Value.Args; continue; }
            return CallTarget(tail.Value.Target, tail.Value.Args, tail.Value.ReturnTypes, depth);
        }
    }

    private readonly record struct TailCall(CallTarget Target, DataValue[] Args, IrType[] ReturnTypes);

    private (DataValue[] Returns, TailCall? Tail) RunFrame(Function f, DataValue[] args, int depth)
    {
        var dfg = f.Dfg;
        if (f.Layout.EntryBlock is not { } entry) throw new UnsupportedException($"function {f.Name} has no body");
        foreach (var p in f.Signature.Params.Concat(f.Signature.Returns)) RequireSupported(p.Type);

        int mark = _memory.Mark;
        // All slots of a frame share one region, laid out like a real frame, so an access that runs
        // past one slot lands in its neighbour while one past the whole frame traps.
        var slots = new ulong[f.Stencil.SizedStackSlots.Count];
        ulong size = 0;
        int frameAlign = 4;
        for (int i = 0; i < slots.Length; i++)
        {
            var s = f.Stencil.SizedStackSlots[i];
            if (s.Kind != StackSlotKind.ExplicitSlot) throw new UnsupportedException("dynamic stack slots");
            ulong align = 1UL << Math.Min((int)s.AlignShift, 16);
            frameAlign = Math.Max(frameAlign, Math.Min((int)s.AlignShift, 16));
            size = (size + align - 1) & ~(align - 1);
            slots[i] = size;
            size += s.Size;
        }
        if (size > int.MaxValue) throw new UnsupportedException("stack frame larger than 2 GiB");
        ulong frameBase = _memory.Allocate((uint)size, frameAlign);
        for (int i = 0; i < slots.Length; i++) slots[i] += frameBase;
        var frame = new Frame(f, args, frameBase, slots, mark);
        try
        {
            var block = entry;
            Bind(frame, block, args);
            while (true)
            {
                Block? next = null;
                foreach (var inst in f.Layout.BlockInsts(block))
                {
                    if (++_steps > options.MaxSteps) throw new UnsupportedException("step limit");
                    var d = dfg[inst];
                    switch (d.Opcode)
                    {
                        case Opcode.Jump:
                            next = Branch(frame, d.Destinations[0]); break;
                        case Opcode.Brif:
                            next = Branch(frame, frame.Get(d.Args[0]).Bits != 0 ? d.Destinations[0] : d.Destinations[1]); break;
                        case Opcode.BrTable:
                        {
                            var table = dfg.JumpTables[(int)d.JumpTable.Index];
                            var index = (UInt128)frame.Get(d.Args[0]).Bits;
                            next = Branch(frame, index < (UInt128)table.Table.Length ? table.Table[(int)index] : table.Default);
                            break;
                        }
                        case Opcode.Return:
                            return (Values(frame, d.Args), null);
                        case Opcode.ReturnCall or Opcode.ReturnCallIndirect:
                        {
                            var (target, callArgs, sig) = ResolveCall(frame, inst, d);
                            return ([], new TailCall(target, callArgs, sig.Returns.Select(p => p.Type).ToArray()));
                        }
                        case Opcode.Trap:
                            throw new TrapException(d.Trap);
                        case Opcode.Trapz:
                            if (frame.Get(d.Args[0]).Bits == 0) throw new TrapException(d.Trap);
                            break;
                        case Opcode.Trapnz:
                            if (frame.Get(d.Args[0]).Bits != 0) throw new TrapException(d.Trap);
                            break;
                        default:
                            Execute(frame, inst, d, depth);
                            break;
                    }
                    if (next is not null) break;
                }
                if (next is not { } n) throw new UnsupportedException($"block {block} ends without a terminator");
                block = n;
            }
        }
        finally
        {
            _memory.Release(mark);
        }
    }

    private void Execute(Frame frame, Inst inst, InstructionData d, int depth)
    {
        if (d.DynamicType is not null) throw new UnsupportedException($"dynamic vector type {d.DynamicType} ({d.Opcode.Info().Name})");
        var dfg = frame.Function.Dfg;
        var plan = Plan(frame.Function, inst);
        var rt = plan.ResultTypes;
        Span<DataValue> args = stackalloc DataValue[plan.Args.Length];
        for (int i = 0; i < args.Length; i++) args[i] = frame.Values[plan.Args[i]];
        Span<DataValue> r = stackalloc DataValue[rt.Length];

        switch (d.Opcode)
        {
            case Opcode.Nop or Opcode.Debugtrap or Opcode.SequencePoint: break;
            case Opcode.Call or Opcode.CallIndirect:
            {
                var (target, callArgs, _) = ResolveCall(frame, inst, d);
                var returns = CallTarget(target, callArgs, rt, depth);
                if (returns.Length != r.Length) throw new UnsupportedException($"callee returned {returns.Length} values, expected {r.Length}");
                for (int i = 0; i < r.Length; i++) r[i] = DataValue.FromBits(rt[i], returns[i].Bits);
                break;
            }
            case Opcode.GlobalValue or Opcode.SymbolValue:
                r[0] = DataValue.FromBits(rt[0], GlobalValue(frame, d.GlobalValue, 0).Bits); break;
            // The frame's base stands in for the stack pointer: it is stable across tail calls, as a real one is.
            case Opcode.GetStackPointer or Opcode.GetFramePointer:
                r[0] = DataValue.FromBits(rt[0], frame.FrameBase); break;
            case Opcode.GetPinnedReg:
                r[0] = DataValue.FromBits(rt[0], _pinned); break;
            case Opcode.SetPinnedReg:
                _pinned = args[0].Bits; break;
            case Opcode.FuncAddr:
                r[0] = DataValue.FromBits(rt[0], _addresses.AddressOf(Resolve(frame.Function, dfg.ExtFuncs[(int)d.FuncRef.Index].Name))); break;
            default:
                if (!IntegerOps.TryEvaluate(d, args, rt, r)
                    && !FloatOps.TryEvaluate(d, args, rt, r)
                    && !Conversions.TryEvaluate(d, args, rt, r)
                    && !MemoryOps.TryEvaluate(d, args, rt, r, _memory, frame))
                    throw new UnsupportedException($"opcode {d.Opcode.Info().Name}");
                break;
        }
        for (int i = 0; i < r.Length; i++) frame.Values[plan.Results[i]] = r[i];
    }

    /// <summary>An instruction's operand and result slots and result types, resolved once per function
    /// rather than on every execution.</summary>
    private sealed record InstPlan(int[] Args, int[] Results, IrType[] ResultTypes);

    private readonly Dictionary<Function, InstPlan?[]> _plans = new(ReferenceEqualityComparer.Instance);

    private InstPlan Plan(Function f, Inst inst)
    {
        var dfg = f.Dfg;
        if (!_plans.TryGetValue(f, out var plans)) _plans.Add(f, plans = new InstPlan?[dfg.NumInsts]);
        if (inst.Index < plans.Length && plans[inst.Index] is { } cached) return cached;
        var d = dfg[inst];
        var args = new int[d.Args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            var v = dfg.ResolveAliases(d.Args[i]);
            RequireSupported(dfg.ValueType(v));
            args[i] = (int)v.Index;
        }
        var results = dfg.InstResults(inst);
        var plan = new InstPlan(args, results.Select(v => (int)v.Index).ToArray(), results.Select(v => RequireSupported(dfg.ValueType(v))).ToArray());
        if (inst.Index < plans.Length) plans[inst.Index] = plan;
        return plan;
    }

    private DataValue[] CallTarget(CallTarget target, DataValue[] args, IReadOnlyList<IrType> returnTypes, int depth)
    {
        if (target.Function is { } callee) return Invoke(callee, args, depth + 1);
        if (target.LibCall is { } lib) return LibCalls.Invoke(lib, args, returnTypes, _memory);
        throw new UnsupportedException($"call to unknown function %{target.Symbol}");
    }

    private (CallTarget Target, DataValue[] Args, Signature Sig) ResolveCall(Frame frame, Inst inst, InstructionData d)
    {
        var dfg = frame.Function.Dfg;
        var sig = dfg.CallSignature(inst) ?? throw new UnsupportedException("call without a signature");
        if (d.Format == InstructionFormat.Call)
        {
            var ext = dfg.ExtFuncs[(int)d.FuncRef.Index];
            return (Resolve(frame.Function, ext.Name), Values(frame, d.Args), sig);
        }
        var callee = frame.Get(d.Args[0]);
        if (!_addresses.TryResolve((ulong)callee.Bits, out var target)) throw new TrapException(TrapCode.HeapOutOfBounds);
        return (target, Values(frame, d.Args.AsSpan(1)), sig);
    }

    private CallTarget Resolve(Function f, ExternalName name)
    {
        switch (name.Kind)
        {
            case ExternalNameKind.User:
                var user = f.Params.GetUserName(name.UserRef);
                string symbol = user.Symbol ?? user.ObjectSymbolName;
                return new CallTarget(symbol, module.TryGet(symbol, out var callee) ? callee : null, null);
            case ExternalNameKind.LibCall:
                return new CallTarget(name.LibCall.SymbolName(), null, name.LibCall);
            default:
                return new CallTarget(name.KnownSymbol.SymbolName(), null, null);
        }
    }

    private DataValue GlobalValue(Frame frame, GlobalValue gv, int nesting)
    {
        var f = frame.Function;
        if (nesting > 64 || gv.Index >= f.Stencil.GlobalValues.Count) throw new UnsupportedException($"global value {gv} cannot be evaluated");
        var data = f.Stencil.GlobalValues[(int)gv.Index];
        switch (data.Kind)
        {
            case GlobalValueKind.VMContext:
            {
                int index = f.Signature.Params.FindIndex(p => p.Purpose == ArgumentPurpose.VMContext);
                if (index < 0 || index >= frame.EntryArgs.Length) throw new UnsupportedException("vmctx global value without a vmctx parameter");
                return frame.EntryArgs[index];
            }
            case GlobalValueKind.Load:
            {
                var b = GlobalValue(frame, data.Base, nesting + 1);
                ulong at = unchecked((ulong)b.Bits + (ulong)data.Offset);
                var endian = data.Flags.Endianness == Endianness.Big ? Endianness.Big : Endianness.Little;
                return DataValue.FromBits(data.GlobalType, _memory.Read(at, data.GlobalType.Bytes, endian));
            }
            case GlobalValueKind.IAddImm:
            {
                var b = GlobalValue(frame, data.Base, nesting + 1);
                return DataValue.FromBits(data.GlobalType, b.Bits + (UInt128)(Int128)data.Offset);
            }
            case GlobalValueKind.DynScaleTargetConst: throw new UnsupportedException($"dynamic vector scale {gv}");
            default:
                if (data.Tls) throw new UnsupportedException("thread-local symbols");
                return DataValue.FromBits(data.GlobalType, (UInt128)_addresses.AddressOf(Resolve(f, data.Name)) + (UInt128)(Int128)data.Offset);
        }
    }

    private static Block Branch(Frame frame, BlockCall call)
    {
        // Evaluate every argument before binding any parameter: a block may pass its own parameters around.
        Bind(frame, call.Block, Values(frame, call.Args));
        return call.Block;
    }

    private static void Bind(Frame frame, Block block, DataValue[] values)
    {
        var ps = frame.Function.Dfg.BlockParams(block);
        if (ps.Count != values.Length) throw new UnsupportedException($"{block} takes {ps.Count} arguments, given {values.Length}");
        for (int i = 0; i < ps.Count; i++)
            frame.Set(ps[i], DataValue.FromBits(frame.Function.Dfg.ValueType(ps[i]), values[i].Bits));
    }

    private static DataValue[] Values(Frame frame, ReadOnlySpan<Value> vs)
    {
        var result = new DataValue[vs.Length];
        for (int i = 0; i < vs.Length; i++) result[i] = frame.Get(vs[i]);
        return result;
    }

    internal static DataValue[] Normalize(IrType[] types, IReadOnlyList<DataValue> args, string what)
    {
        if (types.Length != args.Count) throw new UnsupportedException($"{what} takes {types.Length} arguments, given {args.Count}");
        var result = new DataValue[types.Length];
        for (int i = 0; i < types.Length; i++) result[i] = DataValue.FromBits(RequireSupported(types[i]), args[i].Bits);
        return result;
    }

    internal static IrType RequireSupported(IrType t) =>
        t.IsInt || t == IrType.F32 || t == IrType.F64 ? t : throw new UnsupportedException($"type {t} is not interpreted");
}
