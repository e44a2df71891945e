using System.Runtime.InteropServices;
using Stencil.Ir.Entities;
using static Stencil.Ir.Text.ReaderDiagnosticCodes;

namespace Stencil.Ir.Text;

internal sealed partial class FunctionParser
{
    private readonly List<(Value Alias, RawToken At)> _aliases = [];
    // Reused by every instruction line: result names are collected before any of them is defined.
    private readonly List<RawToken> _resultTokens = [];
    private readonly List<Value> _resultValues = [];

    /// <summary>One line of a block: <c>[@loc] [results =] opcode[.type] operands</c> or an alias <c>v5 -&gt; v4</c>.</summary>
    private void ParseInstructionLine(Block block)
    {
        var first = _ts.Peek();
        SourceLoc? srcLoc = null;
        if (first.Kind == TokenKind.SourceLoc)
        {
            _ts.Next();
            if (first.Length > 8 || !uint.TryParse(Span(first), System.Globalization.NumberStyles.AllowHexSpecifier, null, out uint bits) || bits == uint.MaxValue)
                throw Fail(BadImmediate, first, $"source location `@{Span(first)}` does not fit 32 bits");
            srcLoc = new SourceLoc(bits);
        }
        if (_ts.Peek().Kind == TokenKind.LBracket) SkipEncodingAnnotation();

        var t = _ts.Peek();
        bool startsWithValue = IsEntity(t, Value.Prefix, out _);
        if (srcLoc is null && startsWithValue && _ts.Peek(1).Kind == TokenKind.Arrow)
        {
            ParseAlias();
            return;
        }
        _resultTokens.Clear();
        if (startsWithValue && _ts.Peek(1).Kind is TokenKind.Comma or TokenKind.Equal)
        {
            _resultTokens.Add(_ts.Next());
            while (_ts.Peek().Kind == TokenKind.Comma) { _ts.Next(); _resultTokens.Add(_ts.Next()); }
            ExpectKind(TokenKind.Equal, "`=` after the result values");
        }
        _resultValues.Clear();
        foreach (var r in _resultTokens) _resultValues.Add(DefineValue(r));

        var op = _ts.Next();
        if (op.Kind != TokenKind.Identifier) throw Unexpected(op, "an instruction");
        if (!OpcodeTable.TryParse(Span(op), out var opcode)) throw Fail(UnknownOpcode, op, $"unknown opcode `{Span(op)}`");
        var info = opcode.Info();
        var data = new InstructionData(opcode);
        if (_ts.Peek().Kind == TokenKind.Dot)
        {
            var dot = _ts.Next();
            if (info.CtrlArg == -2) throw Fail(UnexpectedToken, dot, $"`{Span(op)}` is not polymorphic and takes no type suffix");
            if (IsEntity(_ts.Peek(), DynamicType.Prefix, out _))
            {
                // The base vector type stands in for the dynamic one so that result types still derive.
                var dt = UseDeclared(_ts.Next(), DynamicType.Prefix, _dynamicTypes, "a dynamic type such as `dt0`");
                data.DynamicType = dt;
                data.ControllingType = _func.Stencil.DynamicTypes[(int)dt.Index].BaseVectorType;
            }
            else data.ControllingType = ParseType();
        }
        ParseOperands(data, op);

        var next = _ts.Peek();
        if (next.Line == _ts.Previous.Line && next.Kind is not (TokenKind.EndOfFile or TokenKind.RBrace))
            throw Unexpected(next, "the end of the line after the instruction");

        var inst = Dfg.MakeInst(data);
        _func.Layout.AppendInst(inst, block);
        InstPositions.Add(inst, first.Line, first.Column);
        if (srcLoc is { } loc) _func.SetSrcLoc(inst, loc);

        if (info.CtrlArg == -1 && data.ControllingType.IsInvalid && info.Results is not (ResultRule.Empty or ResultRule.Fixed or ResultRule.Call or ResultRule.I8))
            throw Fail(CannotInferType, op, $"`{Span(op)}` needs an explicit type, e.g. `{Span(op)}.i32`");
        if (TryGetResultTypes(data, out var types)) AttachResults(inst, CollectionsMarshal.AsSpan(_resultValues), types, op);
        else _pendingResults.Add((inst, [.. _resultValues], op));
    }

    private void AttachResults(Inst inst, ReadOnlySpan<Value> results, ResultTypes types, RawToken op)
    {
        if (types.Count != results.Length)
            throw Fail(ResultCountMismatch, op, $"`{Span(op)}` defines {types.Count} result value{(types.Count == 1 ? "" : "s")} but {results.Length} {(results.Length == 1 ? "is" : "are")} written");
        for (int i = 0; i < results.Length; i++) Dfg.AttachResult(inst, results[i], types[i]);
    }

    /// <summary>The opcode's result types; false while they cannot be derived (an operand's type is not known yet).</summary>
    private bool TryGetResultTypes(InstructionData data, out ResultTypes types)
    {
        try { return Dfg.TryGetResultTypes(data, out types); }
        catch (ArgumentException) { types = default; return false; } // a derived vector shape that does not exist (e.g. 512 lanes)
    }

    private void ParseAlias()
    {
        var aliasTok = _ts.Next();
        var alias = DefineValue(aliasTok);
        _ts.Next();
        var targetTok = _ts.Next();
        var target = UseValue(targetTok);
        Dfg.SetAlias(alias, target);
        _aliases.Add((alias, aliasTok));
        var next = _ts.Peek();
        if (next.Line == _ts.Previous.Line && next.Kind is not (TokenKind.EndOfFile or TokenKind.RBrace))
            throw Unexpected(next, "the end of the line after the alias");
    }

    /// <summary>Old encoding annotations such as <c>[-]</c> or <c>[Op1rr#01]</c> carry nothing Stencil keeps.</summary>
    private void SkipEncodingAnnotation()
    {
        var open = _ts.Next();
        while (true)
        {
            var t = _ts.Next();
            if (t.Kind == TokenKind.RBracket) return;
            if (t.Kind == TokenKind.EndOfFile || t.Line != open.Line) throw Unexpected(t, "`]` closing the annotation");
        }
    }

    private void ParseOperands(InstructionData d, RawToken op)
    {
        switch (d.Format)
        {
            case InstructionFormat.Nullary: break;
            case InstructionFormat.Unary: d.Args = [NextValue()]; break;
            case InstructionFormat.UnaryImm:
            {
                var at = _ts.Peek();
                var v = ParseInteger("an integer immediate");
                var ty = d.ControllingType;
                if (!ty.IsInvalid && ty.IsInt && ty.Bits <= 64)
                {
                    if (!IntegerText.FitsSignedOrUnsigned(v, ty.Bits)) throw Fail(BadImmediate, at, $"`{Span(at)}` does not fit in {ty}");
                    d.Imm = (long)((ulong)(UInt128)(v & ((Int128.One << ty.Bits) - 1)));
                }
                else d.Imm = ToImm64(v, at);
                break;
            }
            case InstructionFormat.UnaryIeee16: d.Imm = (long)(ulong)ParseFloat(16); break;
            case InstructionFormat.UnaryIeee32: d.Imm = (long)(ulong)ParseFloat(32); break;
            case InstructionFormat.UnaryIeee64: d.Imm = (long)(ulong)ParseFloat(64); break;
            case InstructionFormat.UnaryConst: d.Constant = ParseConstOperand(d, op); break;
            case InstructionFormat.UnaryGlobalValue: d.GlobalValue = UseGlobal(_ts.Next()); break;
            case InstructionFormat.Binary: d.Args = [NextValue(), CommaValue()]; break;
            case InstructionFormat.BinaryImm8: d.Args = [NextValue()]; Comma(); d.Imm = (long)ParseUnsigned(255, "a lane index"); break;
            case InstructionFormat.BinaryImm64: d.Args = [NextValue()]; Comma(); d.Imm = ParseImm64(); break;
            case InstructionFormat.Ternary: d.Args = [NextValue(), CommaValue(), CommaValue()]; break;
            case InstructionFormat.TernaryImm8: d.Args = [NextValue(), CommaValue()]; Comma(); d.Imm = (long)ParseUnsigned(255, "a lane index"); break;
            case InstructionFormat.Shuffle: d.Args = [NextValue(), CommaValue()]; Comma(); d.Constant = ParseShuffleMask(); break;
            case InstructionFormat.IntCompare: d.IntCond = ParseIntCC(); d.Args = [NextValue(), CommaValue()]; break;
            case InstructionFormat.IntCompareImm: d.IntCond = ParseIntCC(); d.Args = [NextValue()]; Comma(); d.Imm = ParseImm64(); break;
            case InstructionFormat.FloatCompare: d.FloatCond = ParseFloatCC(); d.Args = [NextValue(), CommaValue()]; break;
            case InstructionFormat.IntAddTrap: d.Args = [NextValue(), CommaValue()]; Comma(); d.Trap = ParseTrapCode(); break;
            case InstructionFormat.Jump: d.Destinations = [ParseBlockCall()]; break;
            case InstructionFormat.Brif: d.Args = [NextValue()]; Comma(); d.Destinations = [ParseBlockCall(), CommaBlockCall()]; break;
            case InstructionFormat.BranchTable: ParseBranchTable(d); break;
            case InstructionFormat.Call:
                d.FuncRef = UseDeclared(_ts.Next(), FuncRef.Prefix, _funcs, "a function reference such as `fn0`");
                d.Args = ParseValueList();
                break;
            case InstructionFormat.CallIndirect:
                d.SigRef = UseDeclared(_ts.Next(), SigRef.Prefix, _sigs, "a signature reference such as `sig0`");
                Comma();
                var callee = NextValue();
                d.Args = [callee, .. ParseValueList()];
                break;
            case InstructionFormat.TryCall:
                d.FuncRef = UseDeclared(_ts.Next(), FuncRef.Prefix, _funcs, "a function reference such as `fn0`");
                d.Args = ParseValueList();
                d.ExceptionTable = ParseExceptionTable();
                break;
            case InstructionFormat.TryCallIndirect:
            {
                var target = NextValue();
                d.Args = [target, .. ParseValueList()];
                d.ExceptionTable = ParseExceptionTable();
                break;
            }
            case InstructionFormat.FuncAddr: d.FuncRef = UseDeclared(_ts.Next(), FuncRef.Prefix, _funcs, "a function reference such as `fn0`"); break;
            case InstructionFormat.Load: d.Flags = ParseMemFlags(); d.Args = [NextValue()]; d.Offset = ParseOffset32(); break;
            case InstructionFormat.Store: d.Flags = ParseMemFlags(); d.Args = [NextValue(), CommaValue()]; d.Offset = ParseOffset32(); break;
            case InstructionFormat.LoadNoOffset: d.Flags = ParseMemFlags(); d.Args = [NextValue()]; break;
            case InstructionFormat.StoreNoOffset: d.Flags = ParseMemFlags(); d.Args = [NextValue(), CommaValue()]; break;
            case InstructionFormat.StackLoad:
                d.StackSlot = UseDeclared(_ts.Next(), StackSlot.Prefix, _stackSlots, "a stack slot such as `ss0`");
                d.Offset = ParseOffset32();
                break;
            case InstructionFormat.StackStore:
                d.Args = [NextValue()];
                Comma();
                d.StackSlot = UseDeclared(_ts.Next(), StackSlot.Prefix, _stackSlots, "a stack slot such as `ss0`");
                d.Offset = ParseOffset32();
                break;
            case InstructionFormat.Trap: d.Trap = ParseTrapCode(); break;
            case InstructionFormat.CondTrap: d.Args = [NextValue()]; Comma(); d.Trap = ParseTrapCode(); break;
            case InstructionFormat.MultiAry:
            {
                int mark = _valueScratch.Count;
                if (IsEntity(_ts.Peek(), Value.Prefix, out _) && _ts.Peek().Line == op.Line)
                {
                    _valueScratch.Add(NextValue());
                    while (_ts.Peek().Kind == TokenKind.Comma) _valueScratch.Add(CommaValue());
                }
                d.Args = TakeValues(mark);
                break;
            }
            case InstructionFormat.AtomicRmw:
                d.Flags = ParseMemFlags();
                d.RmwOp = ParseRmwOp();
                d.Args = [NextValue(), CommaValue()];
                break;
            case InstructionFormat.AtomicCas: d.Flags = ParseMemFlags(); d.Args = [NextValue(), CommaValue(), CommaValue()]; break;
            default: throw Fail(Unsupported, op, $"the operands of `{Span(op)}` ({d.Format}) cannot be read");
        }
    }

    private void Comma() => ExpectKind(TokenKind.Comma, "`,`");
    private Value CommaValue() { Comma(); return NextValue(); }
    private BlockCall CommaBlockCall() { Comma(); return ParseBlockCall(); }

    // Values of the operand list being read, reused across instructions; a list starts at a mark and is
    // cut off when taken, so a list read while another is open would still come out whole.
    private readonly List<Value> _valueScratch = [];

    private Value[] TakeValues(int mark)
    {
        int n = _valueScratch.Count - mark;
        if (n == 0) return [];
        var values = new Value[n];
        _valueScratch.CopyTo(mark, values, 0, n);
        _valueScratch.RemoveRange(mark, n);
        return values;
    }

    /// <summary><c>(v1, v2)</c>, possibly empty.</summary>
    private Value[] ParseValueList()
    {
        ExpectKind(TokenKind.LParen, "`(`");
        int mark = _valueScratch.Count;
        if (_ts.Peek().Kind != TokenKind.RParen)
        {
            _valueScratch.Add(NextValue());
            while (_ts.Peek().Kind == TokenKind.Comma) _valueScratch.Add(CommaValue());
        }
        ExpectKind(TokenKind.RParen, "`,` or `)`");
        return TakeValues(mark);
    }

    private BlockCall ParseBlockCall()
    {
        var block = UseBlock(_ts.Next());
        var args = _ts.Peek().Kind == TokenKind.LParen ? ParseValueList() : [];
        return new BlockCall(block, args);
    }

    /// <summary><c>[block1, block2(v3)]</c>.</summary>
    private BlockCall[] ParseBlockCallList()
    {
        ExpectKind(TokenKind.LBracket, "`[`");
        var list = new List<BlockCall>();
        if (_ts.Peek().Kind != TokenKind.RBracket)
        {
            list.Add(ParseBlockCall());
            while (_ts.Peek().Kind == TokenKind.Comma) list.Add(CommaBlockCall());
        }
        ExpectKind(TokenKind.RBracket, "`,` or `]`");
        return [.. list];
    }

    /// <summary><c>br_table v0, block1(args), [block2, ...]</c>, or the older <c>br_table v0, block1, jt0</c>.</summary>
    private void ParseBranchTable(InstructionData d)
    {
        d.Args = [NextValue()];
        Comma();
        var deflt = ParseBlockCall();
        Comma();
        BlockCall[] table;
        var t = _ts.Peek();
        if (IsEntity(t, JumpTable.Prefix, out _))
        {
            _ts.Next();
            var entries = UseDeclared(t, JumpTable.Prefix, _oldJumpTables, "a jump table");
            table = Array.ConvertAll(entries, e => new BlockCall(e.Block, (Value[])e.Args.Clone()));
        }
        else table = ParseBlockCallList();
        d.JumpTable = _func.CreateJumpTable(new JumpTableData(deflt, table));
    }

    private int ParseOffset32()
    {
        var t = _ts.Peek();
        if (t.Kind != TokenKind.Integer || Span(t)[0] is not ('+' or '-')) return 0;
        _ts.Next();
        if (!IntegerText.TryParse(Span(t), out var v) || v < int.MinValue || v > int.MaxValue)
            throw Fail(BadImmediate, t, $"offset `{Span(t)}` does not fit in 32 signed bits");
        return (int)v;
    }

    private long ParseOptionalOffset()
    {
        var t = _ts.Peek();
        if (t.Kind != TokenKind.Integer || Span(t)[0] is not ('+' or '-') || t.Line != _ts.Previous.Line) return 0;
        _ts.Next();
        if (!IntegerText.TryParse(Span(t), out var v)) throw Fail(BadImmediate, t, $"bad offset `{Span(t)}`");
        return ToImm64(v, t);
    }

    private MemFlags ParseMemFlags()
    {
        var flags = MemFlags.None;
        while (_ts.Peek() is { Kind: TokenKind.Identifier } w && !IsEntity(w, Value.Prefix, out _) && !IsEntity(w, GlobalValue.Prefix, out _))
        {
            if (!flags.TrySet(Span(w), out var next))
            {
                if (ParseRmwOpName(Span(w), out _)) break;
                throw Fail(UnknownName, w, $"unknown memory flag `{Span(w)}`");
            }
            flags = next;
            _ts.Next();
        }
        return flags;
    }

    private AtomicRmwOp ParseRmwOp()
    {
        var t = _ts.Next();
        if (t.Kind != TokenKind.Identifier) throw Unexpected(t, "an atomic operation (add, sub, and, nand, or, xor, xchg, umin, umax, smin, smax)");
        if (!ParseRmwOpName(Span(t), out var op)) throw Fail(UnknownName, t, $"unknown atomic operation `{Span(t)}`");
        return op;
    }

    private static readonly AtomicRmwOp[] RmwOps = Enum.GetValues<AtomicRmwOp>();
    private static readonly string[] RmwOpNames = Array.ConvertAll(RmwOps, RmwOpText);

    private static bool ParseRmwOpName(ReadOnlySpan<char> text, out AtomicRmwOp op)
    {
        for (int i = 0; i < RmwOps.Length; i++)
            if (text.SequenceEqual(RmwOpNames[i])) { op = RmwOps[i]; return true; }
        op = default;
        return false;
    }

    internal static string RmwOpText(AtomicRmwOp op) => op.ToString().ToLowerInvariant();

    private IntCC ParseIntCC()
    {
        var t = _ts.Next();
        if (t.Kind != TokenKind.Identifier) throw Unexpected(t, "an integer condition code (eq, ne, slt, ...)");
        if (!CondCodes.TryParseIntCC(Span(t), out var cc)) throw Fail(UnknownName, t, $"unknown integer condition code `{Span(t)}`");
        return cc;
    }

    private FloatCC ParseFloatCC()
    {
        var t = _ts.Next();
        if (t.Kind != TokenKind.Identifier) throw Unexpected(t, "a float condition code (eq, lt, uno, ...)");
        if (!CondCodes.TryParseFloatCC(Span(t), out var cc)) throw Fail(UnknownName, t, $"unknown float condition code `{Span(t)}`");
        return cc;
    }

    private TrapCode ParseTrapCode()
    {
        var t = _ts.Next();
        if (t.Kind != TokenKind.Identifier) throw Unexpected(t, "a trap code (user1, int_divz, heap_oob, ...)");
        if (!TrapCode.TryParse(Text(t), out var code)) throw Fail(UnknownName, t, $"unknown trap code `{Span(t)}`");
        return code;
    }
}
