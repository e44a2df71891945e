using Stencil.Ir;
using Stencil.Wasm.Instructions;
using Stencil.Wasm.Module;
using OpcodeInfo = Stencil.Wasm.Instructions.OpcodeInfo;

namespace Stencil.Wasm.Translation;

/// <summary>
/// The IR meaning of every numeric and memory-access opcode, derived once from the names in <see cref="Opcodes"/>
/// (<c>i32.add</c>, <c>f64.convert_i32_u</c>, ...), so the opcode numbers stay defined in one place. Opcodes absent
/// here are <see cref="OperatorKind.Special"/>.
/// </summary>
internal static class OperatorTable
{
    private static readonly WasmOperator SpecialOp = new(OperatorKind.Special);
    private static readonly WasmOperator[] Single = new WasmOperator[256];
    private static readonly WasmOperator[] Prefixed = new WasmOperator[256];

    private static readonly Dictionary<string, Opcode> IntBinary = new()
    {
        ["add"] = Opcode.Iadd, ["sub"] = Opcode.Isub, ["mul"] = Opcode.Imul, ["and"] = Opcode.Band, ["or"] = Opcode.Bor,
        ["xor"] = Opcode.Bxor, ["shl"] = Opcode.Ishl, ["shr_s"] = Opcode.Sshr, ["shr_u"] = Opcode.Ushr, ["rotl"] = Opcode.Rotl,
        ["rotr"] = Opcode.Rotr,
    };
    private static readonly Dictionary<string, Opcode> IntDivide = new()
    {
        ["div_s"] = Opcode.Sdiv, ["div_u"] = Opcode.Udiv, ["rem_s"] = Opcode.Srem, ["rem_u"] = Opcode.Urem,
    };
    private static readonly Dictionary<string, Opcode> IntUnary = new() { ["clz"] = Opcode.Clz, ["ctz"] = Opcode.Ctz, ["popcnt"] = Opcode.Popcnt };
    private static readonly Dictionary<string, IntCC> IntCompare = new()
    {
        ["eq"] = IntCC.Equal, ["ne"] = IntCC.NotEqual, ["lt_s"] = IntCC.SignedLessThan, ["lt_u"] = IntCC.UnsignedLessThan,
        ["gt_s"] = IntCC.SignedGreaterThan, ["gt_u"] = IntCC.UnsignedGreaterThan, ["le_s"] = IntCC.SignedLessThanOrEqual,
        ["le_u"] = IntCC.UnsignedLessThanOrEqual, ["ge_s"] = IntCC.SignedGreaterThanOrEqual, ["ge_u"] = IntCC.UnsignedGreaterThanOrEqual,
    };
    private static readonly Dictionary<string, Opcode> FloatBinary = new()
    {
        ["add"] = Opcode.Fadd, ["sub"] = Opcode.Fsub, ["mul"] = Opcode.Fmul, ["div"] = Opcode.Fdiv, ["min"] = Opcode.Fmin,
        ["max"] = Opcode.Fmax, ["copysign"] = Opcode.Fcopysign,
    };
    private static readonly Dictionary<string, Opcode> FloatUnary = new()
    {
        ["abs"] = Opcode.Fabs, ["neg"] = Opcode.Fneg, ["ceil"] = Opcode.Ceil, ["floor"] = Opcode.Floor, ["trunc"] = Opcode.Trunc,
        ["nearest"] = Opcode.Nearest, ["sqrt"] = Opcode.Sqrt,
    };
    private static readonly Dictionary<string, FloatCC> FloatCompare = new()
    {
        ["eq"] = FloatCC.Equal, ["ne"] = FloatCC.NotEqual, ["lt"] = FloatCC.LessThan, ["gt"] = FloatCC.GreaterThan,
        ["le"] = FloatCC.LessThanOrEqual, ["ge"] = FloatCC.GreaterThanOrEqual,
    };

    static OperatorTable()
    {
        Array.Fill(Single, SpecialOp);
        Array.Fill(Prefixed, SpecialOp);
        foreach (var info in Opcodes.All)
        {
            var op = Derive(info);
            if (info.Code >= 0xFC00) Prefixed[info.Code & 0xFF] = op; else Single[info.Code] = op;
        }
    }

    public static WasmOperator Get(ushort code) => code >= 0xFC00 ? Prefixed[code & 0xFF] : Single[code];

    private static WasmOperator Derive(OpcodeInfo info)
    {
        int dot = info.Name.IndexOf('.');
        if (dot < 0 || !info.HasFixedSignature) return SpecialOp;
        var type = TypeOf(info.Name[..dot]);
        var op = info.Name[(dot + 1)..];
        if (type.IsInvalid || op == "const") return SpecialOp;
        if (info.Immediate != ImmediateKind.MemArg && info.Params!.Length == 0) return SpecialOp;
        if (info.Immediate == ImmediateKind.MemArg) return MemoryAccess(info, type, op);
        if (type.IsInt)
        {
            if (IntBinary.TryGetValue(op, out var bin)) return new(OperatorKind.IntBinary, bin, To: type);
            if (IntDivide.TryGetValue(op, out var div)) return new(OperatorKind.IntDivide, div, Signed: op.EndsWith("_s"), To: type);
            if (IntUnary.TryGetValue(op, out var un)) return new(OperatorKind.IntUnary, un, To: type);
            if (IntCompare.TryGetValue(op, out var cc)) return new(OperatorKind.IntCompare, IntCond: cc, From: type, To: IrType.I32);
            if (op == "eqz") return new(OperatorKind.IntEqz, From: type, To: IrType.I32);
        }
        else
        {
            if (FloatBinary.TryGetValue(op, out var bin)) return new(OperatorKind.FloatBinary, bin, To: type);
            if (FloatUnary.TryGetValue(op, out var un)) return new(OperatorKind.FloatUnary, un, To: type);
            if (FloatCompare.TryGetValue(op, out var cc)) return new(OperatorKind.FloatCompare, FloatCond: cc, From: type, To: IrType.I32);
        }
        return Conversion(info, type, op);
    }

    /// <summary><c>i32.load8_s</c>, <c>i64.store32</c>...: the access width comes from the table, the sign from the name.</summary>
    private static WasmOperator MemoryAccess(OpcodeInfo info, IrType type, string op)
    {
        int bits = info.AccessBytes * 8;
        bool narrow = bits < type.Bits;
        if (op.StartsWith("load"))
        {
            bool signed = op.EndsWith("_s");
            var ir = !narrow ? Opcode.Load : (bits, signed) switch
            {
                (8, true) => Opcode.Sload8, (8, false) => Opcode.Uload8, (16, true) => Opcode.Sload16, (16, false) => Opcode.Uload16,
                (32, true) => Opcode.Sload32, _ => Opcode.Uload32,
            };
            return new(OperatorKind.Load, ir, Signed: signed, To: type, Bits: bits);
        }
        var store = !narrow ? Opcode.Store : bits switch { 8 => Opcode.Istore8, 16 => Opcode.Istore16, _ => Opcode.Istore32 };
        return new(OperatorKind.Store, store, From: type, Bits: bits);
    }

    /// <summary>The conversions, named <c>to.op_from</c> (<c>i64.extend_i32_u</c>, <c>i32.trunc_sat_f64_s</c>, <c>i64.extend16_s</c>).</summary>
    private static WasmOperator Conversion(OpcodeInfo info, IrType to, string op)
    {
        var from = TypeOf(info.Params![0].Name());
        bool signed = op.EndsWith("_s");
        string verb = op.Split('_')[0];
        return verb switch
        {
            "wrap" => new(OperatorKind.Wrap, Opcode.Ireduce, From: from, To: to),
            "extend" when op.StartsWith("extend_") => new(OperatorKind.Extend, signed ? Opcode.Sextend : Opcode.Uextend, Signed: signed, From: from, To: to),
            "extend8" or "extend16" or "extend32" => new(OperatorKind.SignExtendNarrow, Signed: true, From: from, To: to, Bits: int.Parse(verb["extend".Length..])),
            "trunc" when op.StartsWith("trunc_sat_") => new(OperatorKind.TruncSaturating, signed ? Opcode.FcvtToSintSat : Opcode.FcvtToUintSat, Signed: signed, From: from, To: to),
            "trunc" => new(OperatorKind.TruncTrapping, signed ? Opcode.FcvtToSintSat : Opcode.FcvtToUintSat, Signed: signed, From: from, To: to),
            "convert" => new(OperatorKind.ConvertFromInt, signed ? Opcode.FcvtFromSint : Opcode.FcvtFromUint, Signed: signed, From: from, To: to),
            "demote" => new(OperatorKind.Demote, Opcode.Fdemote, From: from, To: to),
            "promote" => new(OperatorKind.Promote, Opcode.Fpromote, From: from, To: to),
            "reinterpret" => new(OperatorKind.Reinterpret, Opcode.Bitcast, From: from, To: to),
            _ => SpecialOp,
        };
    }

    private static IrType TypeOf(string name) => name switch
    {
        "i32" => IrType.I32, "i64" => IrType.I64, "f32" => IrType.F32, "f64" => IrType.F64, _ => IrType.Invalid,
    };
}
