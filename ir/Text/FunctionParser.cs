using Stencil.Ir.Collections;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Entities;
using Stencil.Ir.Names;
using static Stencil.Ir.Text.ReaderDiagnosticCodes;

namespace Stencil.Ir.Text;

/// <summary>
/// Reads <c>function ... { ... }</c>, one per <see cref="Parse"/>; the bookkeeping tables are kept from one
/// function to the next of a file, so a file of many small functions does not rebuild them each time.
/// Values and blocks keep the numbers written in the text (the
/// data-flow graph gets detached placeholder values/blocks for the gaps, as Cranelift's reader does);
/// preamble entities (ss, gv, sig, fn, jt, const) are numbered in declaration order, which is the
/// written number whenever declarations are dense and in order, as the writer prints them.
/// </summary>
internal sealed partial class FunctionParser
{
    /// <summary>Largest value or block number accepted; bounds the placeholders a typo can create.</summary>
    internal const uint MaxEntityNumber = 1 << 20;

    private readonly ClifParser _file;
    private readonly TokenStream _ts;
    private Function _func = new();

    private readonly Dictionary<uint, StackSlot> _stackSlots = [];
    private readonly Dictionary<uint, GlobalValue> _globals = [];
    private readonly Dictionary<uint, SigRef> _sigs = [];
    private readonly Dictionary<uint, FuncRef> _funcs = [];
    private readonly Dictionary<uint, BlockCall[]> _oldJumpTables = [];
    private readonly Dictionary<uint, Constant> _constants = [];
    private readonly Dictionary<uint, DynamicType> _dynamicTypes = [];

    private readonly EntitySet _definedValues = new();
    private readonly EntitySet _definedBlocks = new();
    // Only uses of values and blocks not yet defined where they are read: every other use is known good,
    // and the first of these still undefined at the end is the first undefined use in the text.
    private readonly List<(uint Value, RawToken At)> _forwardValueUses = [];
    private readonly List<(uint Block, RawToken At)> _forwardBlockUses = [];
    private readonly List<(Inst Inst, Value[] Results, RawToken Opcode)> _pendingResults = [];

    public FunctionParser(ClifParser file)
    {
        _file = file;
        _ts = file.Tokens;
        InstPositions = new InstPositionTable();
    }

    private DataFlowGraph Dfg => _func.Dfg;

    /// <summary>Where each instruction's line starts, for diagnostics of later stages.</summary>
    public InstPositionTable InstPositions { get; private set; }

    /// <summary>Reads the function at the current token.</summary>
    /// <param name="expectedLength">About how many characters the function takes, to size its tables up front.</param>
    public Function Parse(int expectedLength)
    {
        Reset(expectedLength);
        Expect("function");
        _func.Name = ParseFunctionName();
        _func.Signature = ParseSignature(allowCallConvOnNextLine: true);
        ExpectKind(TokenKind.LBrace, "`{`");
        ParsePreamble();
        ParseBody();
        var close = _ts.Peek();
        if (close.Kind == TokenKind.EndOfFile) throw Fail(UnexpectedEndOfFile, close, "unexpected end of file: the function is missing its closing `}`");
        if (IsWord(close, "function"))
            throw Fail(UnexpectedEndOfFile, close, $"unterminated function {_func.Name}: the next `function` starts before its closing `}}`");
        if (close.Kind != TokenKind.RBrace) throw Unexpected(close, "an instruction, a block header or `}`");
        _ts.Next();
        Finish();
        return _func;
    }

    private void Reset(int expectedLength)
    {
        // Written functions average some 25 to 30 characters an instruction; guessing a little high
        // costs less than growing every table of a large function several times.
        int insts = expectedLength / 24 + 4;
        _func = new Function();
        _func.Dfg.Reserve(insts, insts, insts / 4 + 2);
        _func.Layout.Reserve(insts / 4 + 2, insts);
        InstPositions = new InstPositionTable(insts);
        _stackSlots.Clear();
        _globals.Clear();
        _sigs.Clear();
        _funcs.Clear();
        _oldJumpTables.Clear();
        _constants.Clear();
        _dynamicTypes.Clear();
        _definedValues.Clear();
        _definedBlocks.Clear();
        _forwardValueUses.Clear();
        _forwardBlockUses.Clear();
        _pendingResults.Clear();
        _aliases.Clear();
        _valueScratch.Clear();
    }

    private UserFuncName ParseFunctionName()
    {
        var t = _ts.Peek();
        if (t.Kind == TokenKind.Name) { _ts.Next(); return UserFuncName.FromUser(UserExternalName.FromSymbol(Text(t))); }
        if (TryUserIndexName(out var user)) return UserFuncName.FromUser(user);
        throw Unexpected(t, "a function name (`%name` or `u0:1`)");
    }

    /// <summary><c>u&lt;namespace&gt;:&lt;index&gt;</c>, lexed as a word, a colon and an integer.</summary>
    private bool TryUserIndexName(out UserExternalName name)
    {
        name = default;
        var t = _ts.Peek();
        if (t.Kind != TokenKind.Identifier || t.Length < 2 || Span(t)[0] != 'u' || _ts.Peek(1).Kind != TokenKind.Colon) return false;
        if (!uint.TryParse(Span(t)[1..], System.Globalization.NumberStyles.None, null, out uint ns))
            throw Fail(BadImmediate, t, $"bad user name namespace in `{Span(t)}`");
        _ts.Next();
        _ts.Next();
        var idx = _ts.Next();
        if (idx.Kind != TokenKind.Integer || !IntegerText.TryParse(Span(idx), out var v) || v < 0 || v > uint.MaxValue)
            throw Fail(idx.Kind == TokenKind.Integer ? BadImmediate : UnexpectedToken, idx, $"expected the index of user name `{Span(t)}:`, found {Describe(idx)}");
        name = UserExternalName.FromIndex(ns, (uint)v);
        return true;
    }

    // ---- signatures ----

    internal Signature ParseSignature(bool allowCallConvOnNextLine)
    {
        var sig = new Signature(CallConv.Fast);
        ExpectKind(TokenKind.LParen, "`(`");
        if (_ts.Peek().Kind != TokenKind.RParen)
        {
            sig.Params.Add(ParseAbiParam());
            while (_ts.Peek().Kind == TokenKind.Comma) { _ts.Next(); sig.Params.Add(ParseAbiParam()); }
        }
        ExpectKind(TokenKind.RParen, "`,` or `)`");
        if (_ts.Peek().Kind == TokenKind.Arrow)
        {
            _ts.Next();
            sig.Returns.Add(ParseAbiParam());
            while (_ts.Peek().Kind == TokenKind.Comma) { _ts.Next(); sig.Returns.Add(ParseAbiParam()); }
        }
        var cc = _ts.Peek();
        if (cc.Kind == TokenKind.Identifier && (allowCallConvOnNextLine || cc.Line == _ts.Previous.Line) && !LooksLikeDeclaration(cc))
        {
            _ts.Next();
            if (!CallConvText.TryParse(Span(cc), out var conv)) throw Fail(UnknownName, cc, $"unknown calling convention `{Span(cc)}`");
            sig.CallConv = conv;
        }
        return sig;
    }

    private bool LooksLikeDeclaration(RawToken t) =>
        _ts.Peek(1).Kind == TokenKind.Equal || IsEntity(t, Block.Prefix, out _) || IsEntity(t, Value.Prefix, out _);

    private AbiParam ParseAbiParam()
    {
        var type = ParseType();
        var ext = ArgumentExtension.None;
        var purpose = ArgumentPurpose.Normal;
        uint structSize = 0;
        while (_ts.Peek() is { Kind: TokenKind.Identifier } w && w.Line == _ts.Previous.Line)
        {
            switch (Span(w))
            {
                case "uext": ext = ArgumentExtension.Uext; break;
                case "sext": ext = ArgumentExtension.Sext; break;
                case "sret": purpose = ArgumentPurpose.StructReturn; break;
                case "vmctx": purpose = ArgumentPurpose.VMContext; break;
                case "sarg":
                    _ts.Next();
                    ExpectKind(TokenKind.LParen, "`(` after `sarg`");
                    structSize = (uint)ParseUnsigned(uint.MaxValue, "struct argument size");
                    ExpectKind(TokenKind.RParen, "`)`");
                    purpose = ArgumentPurpose.StructArgument;
                    continue;
                case "stack_limit": throw Fail(Unsupported, w, "`stack_limit` parameters are not supported; declare `stack_limit = gvN` in the preamble");
                default:
                    if (CallConvText.TryParse(Span(w), out _) || LooksLikeDeclaration(w)) return new AbiParam(type, ext, purpose, structSize);
                    throw Fail(UnknownName, w, $"unknown parameter attribute `{Span(w)}`");
            }
            _ts.Next();
        }
        return new AbiParam(type, ext, purpose, structSize);
    }

    // ---- preamble ----

    private void ParsePreamble()
    {
        while (true)
        {
            var t = _ts.Peek();
            if (t.Kind != TokenKind.Identifier || _ts.Peek(1).Kind != TokenKind.Equal) return;
            if (IsEntity(t, StackSlot.Prefix, out uint n)) { Declare(t, n, _stackSlots, () => _func.CreateSizedStackSlot(ParseStackSlotDecl())); }
            else if (IsEntity(t, GlobalValue.Prefix, out n)) { Declare(t, n, _globals, () => _func.CreateGlobalValue(ParseGlobalValueDecl())); }
            else if (IsEntity(t, SigRef.Prefix, out n)) { Declare(t, n, _sigs, () => _func.ImportSignature(ParseSignature(allowCallConvOnNextLine: false))); }
            else if (IsEntity(t, FuncRef.Prefix, out n)) { Declare(t, n, _funcs, ParseFuncDecl); }
            else if (IsEntity(t, JumpTable.Prefix, out n)) { DeclareOldJumpTable(t, n); }
            else if (IsEntity(t, Constant.Prefix, out n)) { Declare(t, n, _constants, () => _func.CreateConstant(ParseConstantDecl())); }
            else if (Span(t) is "stack_limit")
            {
                _ts.Next(); _ts.Next();
                _func.Stencil.StackLimit = UseGlobal(_ts.Next());
            }
            else if (IsEntity(t, DynamicType.Prefix, out n)) { Declare(t, n, _dynamicTypes, () => _func.CreateDynamicType(ParseDynamicTypeDecl())); }
            else if (IsEntity(t, "dss", out _) || IsEntity(t, "mt", out _))
                throw Fail(Unsupported, t, $"`{Span(t)}`: dynamic stack slots and memory types are not supported");
            else if (IsEntity(t, Value.Prefix, out _)) return;
            else throw Fail(UnexpectedToken, t, $"expected a preamble declaration (ss, gv, dt, sig, fn, jt, const) or a block, found `{Span(t)}`");
        }
    }

    private void Declare<T>(RawToken name, uint n, Dictionary<uint, T> map, Func<T> parse)
    {
        if (map.ContainsKey(n)) throw Fail(DuplicateDefinition, name, $"`{Span(name)}` is already declared");
        _ts.Next(); _ts.Next();
        map[n] = parse();
    }

    private StackSlotData ParseStackSlotDecl()
    {
        var kind = _ts.Next();
        if (IsWord(kind, "explicit_dynamic_slot")) throw Fail(Unsupported, kind, "dynamic stack slots are not supported");
        if (!IsWord(kind, "explicit_slot")) throw Unexpected(kind, "`explicit_slot`");
        uint size = (uint)ParseUnsigned(uint.MaxValue, "stack slot size");
        byte alignShift = 0;
        while (_ts.Peek().Kind == TokenKind.Comma)
        {
            _ts.Next();
            var key = _ts.Next();
            if (!IsWord(key, "align")) throw Unexpected(key, "`align`");
            ExpectKind(TokenKind.Equal, "`=`");
            var at = _ts.Peek();
            ulong align = ParseUnsigned(1UL << 31, "alignment");
            if (align == 0 || (align & (align - 1)) != 0) throw Fail(BadImmediate, at, $"alignment must be a power of two, found {align}");
            alignShift = (byte)System.Numerics.BitOperations.Log2(align);
        }
        return new StackSlotData(StackSlotKind.ExplicitSlot, size, alignShift);
    }

    private GlobalValueData ParseGlobalValueDecl()
    {
        var kind = _ts.Next();
        if (kind.Kind != TokenKind.Identifier) throw Unexpected(kind, "a global value kind (`vmctx`, `load`, `iadd_imm`, `symbol`)");
        switch (Span(kind))
        {
            case "vmctx": return GlobalValueData.VMContext();
            case "load":
            {
                var type = ParseTypeSuffix(kind);
                var flags = ParseMemFlags();
                var baseGv = UseGlobal(_ts.Next());
                long offset = ParseOptionalOffset();
                return GlobalValueData.Load(baseGv, offset, type, flags);
            }
            case "iadd_imm":
            {
                var type = ParseTypeSuffix(kind);
                var baseGv = UseGlobal(_ts.Next());
                ExpectKind(TokenKind.Comma, "`,`");
                long imm = ParseImm64();
                return GlobalValueData.IAddImm(baseGv, imm, type);
            }
            case "symbol":
            {
                bool colocated = false, tls = false;
                while (true)
                {
                    if (IsWord(_ts.Peek(), "colocated")) { _ts.Next(); colocated = true; }
                    else if (IsWord(_ts.Peek(), "tls")) { _ts.Next(); tls = true; }
                    else break;
                }
                var name = ParseExternalName();
                long offset = ParseOptionalOffset();
                return GlobalValueData.Symbol(name, offset, colocated, tls);
            }
            case "dyn_scale_target_const":
            {
                var at = _ts.Peek(1);
                var type = ParseTypeSuffix(kind);
                if (!type.IsVector) throw Fail(UnknownType, at, $"`dyn_scale_target_const` needs a vector type, found `{type}`");
                return GlobalValueData.DynScaleTargetConst(type);
            }
            default: throw Fail(UnknownName, kind, $"unknown global value kind `{Span(kind)}`");
        }
    }

    /// <summary><c>i8x16*gv0</c>: a base vector type scaled by a <c>dyn_scale_target_const</c> global value.</summary>
    private DynamicTypeData ParseDynamicTypeDecl()
    {
        var typeTok = _ts.Peek();
        var type = ParseType();
        if (!type.IsVector) throw Fail(UnknownType, typeTok, $"a dynamic type needs a vector base type, found `{type}`");
        ExpectKind(TokenKind.Star, "`*` and the scale global value");
        var gvTok = _ts.Next();
        var gv = UseGlobal(gvTok);
        if (_func.Stencil.GlobalValues[(int)gv.Index].Kind != GlobalValueKind.DynScaleTargetConst)
            throw Fail(UnknownType, gvTok, $"the scale of a dynamic type must be a `dyn_scale_target_const` global value; `{Span(gvTok)}` is not");
        return new DynamicTypeData(type, gv);
    }

    private IrType ParseTypeSuffix(RawToken opcode)
    {
        if (_ts.Peek().Kind != TokenKind.Dot) throw Unexpected(_ts.Peek(), $"a type suffix, e.g. `{Span(opcode)}.i64`");
        _ts.Next();
        return ParseType();
    }

    private FuncRef ParseFuncDecl()
    {
        bool colocated = false;
        if (IsWord(_ts.Peek(), "colocated")) { _ts.Next(); colocated = true; }
        var name = ParseExternalName();
        SigRef sig;
        var t = _ts.Peek();
        if (t.Kind == TokenKind.LParen)
        {
            // As in Cranelift, an inline signature is itself declared: it takes the next `sigN`.
            sig = _func.ImportSignature(ParseSignature(allowCallConvOnNextLine: false));
            _sigs.TryAdd(sig.Index, sig);
        }
        else if (IsEntity(t, SigRef.Prefix, out uint n))
        {
            _ts.Next();
            if (!_sigs.TryGetValue(n, out sig)) throw Fail(UndefinedReference, t, $"`{Span(t)}` is not declared (declare signatures before the functions that use them)");
        }
        else throw Unexpected(t, "a signature `(...)` or `sigN`");
        return _func.ImportFunction(new ExtFuncData(name, sig, colocated));
    }

    /// <summary><c>%name</c> (a libcall or known symbol when it names one, else a user symbol) or <c>u1:2</c>.</summary>
    private ExternalName ParseExternalName()
    {
        var t = _ts.Peek();
        if (t.Kind == TokenKind.Name)
        {
            _ts.Next();
            var symbol = Text(t);
            if (LibCallInfo.TryParse(symbol, out var lib)) return ExternalName.FromLibCall(lib);
            if (Enum.TryParse<KnownSymbol>(symbol, ignoreCase: false, out var known) && Enum.IsDefined(known) && !char.IsAsciiDigit(symbol[0]))
                return ExternalName.FromKnownSymbol(known);
            return ExternalName.FromUser(_func.DeclareImportedUserFunction(UserExternalName.FromSymbol(symbol)));
        }
        if (TryUserIndexName(out var user)) return ExternalName.FromUser(_func.DeclareImportedUserFunction(user));
        throw Unexpected(t, "an external name (`%name` or `u0:1`)");
    }

    private void DeclareOldJumpTable(RawToken name, uint n)
    {
        if (_oldJumpTables.ContainsKey(n)) throw Fail(DuplicateDefinition, name, $"`{Span(name)}` is already declared");
        _ts.Next(); _ts.Next();
        var kw = _ts.Next();
        if (!IsWord(kw, "jump_table")) throw Unexpected(kw, "`jump_table`");
        _oldJumpTables[n] = ParseBlockCallList();
    }

    private byte[] ParseConstantDecl()
    {
        var t = _ts.Next();
        if (t.Kind != TokenKind.Integer || !ConstantText.TryParseHexBytes(Text(t), out var bytes))
            throw Fail(t.Kind == TokenKind.Integer ? BadImmediate : UnexpectedToken, t, $"expected constant data `0x...`, found {Describe(t)}");
        return bytes;
    }

    // ---- body ----

    private void ParseBody()
    {
        Block? current = null;
        while (true)
        {
            var t = _ts.Peek();
            if (t.Kind is TokenKind.RBrace or TokenKind.EndOfFile || IsWord(t, "function")) return;
            if (IsBlockHeader(t))
            {
                current = ParseBlockHeader();
                continue;
            }
            if (current is not { } block) throw Unexpected(t, "a block header such as `block0:`");
            ParseInstructionLine(block);
        }
    }

    /// <summary><c>block3:</c>, <c>block3(...)</c> or <c>block3 cold:</c>; a bare <c>block3</c> is not a header.</summary>
    private bool IsBlockHeader(RawToken t) =>
        IsEntity(t, Block.Prefix, out _) && (_ts.Peek(1).Kind is TokenKind.LParen or TokenKind.Colon || IsWord(_ts.Peek(1), "cold"));

    private Block ParseBlockHeader()
    {
        var name = _ts.Next();
        IsEntity(name, Block.Prefix, out uint n);
        var block = EnsureBlock(n, name);
        if (!_definedBlocks.Add(n)) throw Fail(DuplicateDefinition, name, $"`{Span(name)}` is already defined");
        _func.Layout.AppendBlock(block);
        if (_ts.Peek().Kind == TokenKind.LParen)
        {
            _ts.Next();
            if (_ts.Peek().Kind != TokenKind.RParen)
            {
                ParseBlockParam(block);
                while (_ts.Peek().Kind == TokenKind.Comma) { _ts.Next(); ParseBlockParam(block); }
            }
            ExpectKind(TokenKind.RParen, "`,` or `)`");
        }
        if (IsWord(_ts.Peek(), "cold")) _ts.Next();
        ExpectKind(TokenKind.Colon, "`:` after the block header");
        return block;
    }

    private void ParseBlockParam(Block block)
    {
        var vt = _ts.Next();
        var v = DefineValue(vt);
        ExpectKind(TokenKind.Colon, "`:` and the parameter type");
        Dfg.AttachBlockParam(block, v, ParseType());
    }

    // ---- entity bookkeeping ----

    /// <summary>A word <paramref name="prefix"/> followed by a decimal number without leading zeros; a number
    /// of more than nine digits reads as <see cref="uint.MaxValue"/> (out of every range).</summary>
    internal bool IsEntity(RawToken t, string prefix, out uint n)
    {
        n = 0;
        if (t.Kind != TokenKind.Identifier || t.Length <= prefix.Length) return false;
        // Every instruction line asks this several times, so it reads the text in place.
        var text = Span(t);
        for (int i = 0; i < prefix.Length; i++)
            if (text[i] != prefix[i]) return false;
        var digits = text[prefix.Length..];
        if (digits.Length > 1 && digits[0] == '0') return false;
        uint value = 0;
        foreach (char c in digits)
        {
            uint d = (uint)(c - '0');
            if (d > 9) return false;
            value = unchecked(value * 10 + d);
        }
        n = digits.Length > 9 ? uint.MaxValue : value;
        return true;
    }

    private Value EnsureValue(uint n, RawToken at)
    {
        if (n > MaxEntityNumber) throw Fail(BadImmediate, at, $"value number in `{Span(at)}` is too large (limit {MaxEntityNumber})");
        while (Dfg.NumValues <= n) Dfg.MakeDetachedValue();
        return new Value(n);
    }

    private Block EnsureBlock(uint n, RawToken at)
    {
        if (n > MaxEntityNumber) throw Fail(BadImmediate, at, $"block number in `{Span(at)}` is too large (limit {MaxEntityNumber})");
        while (Dfg.NumBlocks <= n) Dfg.MakeBlock();
        return new Block(n);
    }

    private Value DefineValue(RawToken t)
    {
        if (!IsEntity(t, Value.Prefix, out uint n)) throw Unexpected(t, "a value such as `v0`");
        var v = EnsureValue(n, t);
        if (!_definedValues.Add(n)) throw Fail(DuplicateDefinition, t, $"`{Span(t)}` is already defined");
        return v;
    }

    private Value UseValue(RawToken t)
    {
        if (!IsEntity(t, Value.Prefix, out uint n)) throw Unexpected(t, "a value such as `v0`");
        var v = EnsureValue(n, t);
        if (!_definedValues.Contains(n)) _forwardValueUses.Add((n, t));
        return v;
    }

    private Value NextValue() => UseValue(_ts.Next());

    private Block UseBlock(RawToken t)
    {
        if (!IsEntity(t, Block.Prefix, out uint n)) throw Unexpected(t, "a block such as `block1`");
        var b = EnsureBlock(n, t);
        if (!_definedBlocks.Contains(n)) _forwardBlockUses.Add((n, t));
        return b;
    }

    private T UseDeclared<T>(RawToken t, string prefix, Dictionary<uint, T> map, string what)
    {
        if (!IsEntity(t, prefix, out uint n)) throw Unexpected(t, what);
        if (!map.TryGetValue(n, out var e)) throw Fail(UndefinedReference, t, $"`{Span(t)}` is not declared");
        return e;
    }

    private GlobalValue UseGlobal(RawToken t) => UseDeclared(t, GlobalValue.Prefix, _globals, "a global value such as `gv0`");

    /// <summary>Checks what can only be checked once the whole body is read, reporting the earliest problem.</summary>
    private void Finish()
    {
        var problems = new List<DiagnosticException>();
        foreach (var (b, at) in _forwardBlockUses)
            if (!_definedBlocks.Contains(b)) { problems.Add(Fail(UndefinedReference, at, $"`{Span(at)}` is not defined in this function")); break; }
        foreach (var (v, at) in _forwardValueUses)
            if (!_definedValues.Contains(v)) { problems.Add(Fail(UndefinedReference, at, $"`{Span(at)}` is not defined in this function")); break; }
        if (problems.Count == 0) ResolveAliasesAndPendingResults(problems);
        if (problems.Count > 0)
            throw problems.OrderBy(p => p.Diagnostic.Line).ThenBy(p => p.Diagnostic.Column).First();
    }

    private void ResolveAliasesAndPendingResults(List<DiagnosticException> problems)
    {
        // Results whose types depend on values defined further down are created once those exist.
        bool progress = true;
        while (_pendingResults.Count > 0 && progress)
        {
            progress = false;
            for (int i = 0; i < _pendingResults.Count; i++)
            {
                var (inst, results, op) = _pendingResults[i];
                if (!TryGetResultTypes(Dfg[inst], out var types)) continue;
                AttachResults(inst, results, types, op);
                _pendingResults.RemoveAt(i--);
                progress = true;
            }
        }
        foreach (var (inst, _, op) in _pendingResults)
        {
            var name = Dfg[inst].Opcode.Name();
            problems.Add(Fail(CannotInferType, op, $"cannot derive the result types of `{name}` from its operands; write the controlling type, e.g. `{name}.i32`"));
        }
        foreach (var (alias, at) in _aliases)
        {
            var r = Dfg.ResolveAliases(alias);
            if (Dfg.ValueDef(r).Kind is ValueDefKind.Alias) problems.Add(Fail(UndefinedReference, at, $"alias `{alias}` is part of an alias cycle"));
        }
    }

    // ---- tokens ----

    private ReadOnlySpan<char> Span(RawToken t) => _ts.Span(t);
    private string Text(RawToken t) => _ts.TextOf(t);
    private string Describe(RawToken t) => _ts.Describe(t);
    private bool IsWord(RawToken t, string word) => _ts.IsWord(t, word);

    internal DiagnosticException Fail(string code, RawToken at, string message) => _file.Fail(code, at, message);

    private DiagnosticException Unexpected(RawToken t, string expected) => t.Kind switch
    {
        TokenKind.Error => Fail(UnexpectedCharacter, t, $"unexpected {Describe(t)}"),
        TokenKind.EndOfFile => Fail(UnexpectedEndOfFile, t, $"unexpected end of file: expected {expected}"),
        _ => Fail(UnexpectedToken, t, $"expected {expected}, found {Describe(t)}"),
    };

    private void Expect(string word)
    {
        var t = _ts.Next();
        if (!IsWord(t, word)) throw Unexpected(t, $"`{word}`");
    }

    private RawToken ExpectKind(TokenKind kind, string what)
    {
        var t = _ts.Next();
        if (t.Kind != kind) throw Unexpected(t, what);
        return t;
    }
}
