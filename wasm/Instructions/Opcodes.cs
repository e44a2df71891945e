using Stencil.Wasm.Module;
using static Stencil.Wasm.Instructions.ImmediateKind;

namespace Stencil.Wasm.Instructions;

/// <summary>
/// The one table of every supported opcode: name, immediates, fixed signature (i = i32, I = i64, f = f32, F = f64,
/// r = funcref... as written in the rows), memory access size. The decoder, the validator and later the translator
/// read it; nothing else lists opcodes. 0xFC-prefixed opcodes are 0xFC00 | their number.
/// </summary>
public static class Opcodes
{
    public const ushort Unreachable = 0x00, Nop = 0x01, Block = 0x02, Loop = 0x03, If = 0x04, Else = 0x05, End = 0x0B,
        Br = 0x0C, BrIf = 0x0D, BrTable = 0x0E, Return = 0x0F, Call = 0x10, CallIndirect = 0x11, Drop = 0x1A,
        Select = 0x1B, SelectTyped = 0x1C, LocalGet = 0x20, LocalSet = 0x21, LocalTee = 0x22, GlobalGet = 0x23,
        GlobalSet = 0x24, TableGet = 0x25, TableSet = 0x26, MemorySize = 0x3F, MemoryGrow = 0x40, I32Const = 0x41,
        I64Const = 0x42, F32Const = 0x43, F64Const = 0x44, I32Add = 0x6A, I32Sub = 0x6B, I32Mul = 0x6C,
        I64Add = 0x7C, I64Sub = 0x7D, I64Mul = 0x7E, RefNull = 0xD0, RefIsNull = 0xD1, RefFunc = 0xD2,
        Prefix = 0xFC, MemoryInit = 0xFC08, DataDrop = 0xFC09, MemoryCopy = 0xFC0A, MemoryFill = 0xFC0B,
        TableInit = 0xFC0C, ElemDrop = 0xFC0D, TableCopy = 0xFC0E, TableGrow = 0xFC0F, TableSize = 0xFC10, TableFill = 0xFC11;

    private static readonly OpcodeInfo?[] Single = new OpcodeInfo?[256];
    private static readonly OpcodeInfo?[] Prefixed = new OpcodeInfo?[32];

    /// <summary>Opcodes of proposals outside the subset, so the diagnostic can name the feature.</summary>
    private static readonly Dictionary<int, string> Refused = new()
    {
        [0x06] = "exception handling", [0x07] = "exception handling", [0x08] = "exception handling",
        [0x09] = "exception handling", [0x0A] = "exception handling", [0x18] = "exception handling",
        [0x19] = "exception handling", [0x1F] = "exception handling",
        [0x12] = "tail calls", [0x13] = "tail calls", [0x15] = "tail calls",
        [0x14] = "function references", [0xD3] = "function references", [0xD4] = "function references",
        [0xD5] = "function references", [0xD6] = "function references",
        [0xFB] = "garbage collection", [0xFD] = "SIMD", [0xFE] = "threads and atomics",
    };

    static Opcodes()
    {
        void Add(int code, string name, ImmediateKind imm = None, string? sig = null, int access = 0)
        {
            ValType[]? ps = null, rs = null;
            if (sig is not null)
            {
                var parts = sig.Split("->");
                ps = Types(parts[0]);
                rs = Types(parts[1]);
            }
            var info = new OpcodeInfo((ushort)code, name, imm, ps, rs, access);
            if (code >= 0xFC00) Prefixed[code & 0xFF] = info; else Single[code] = info;
        }

        Add(0x00, "unreachable"); Add(0x01, "nop", None, "->");
        Add(0x02, "block", BlockType); Add(0x03, "loop", BlockType); Add(0x04, "if", BlockType); Add(0x05, "else"); Add(0x0B, "end");
        Add(0x0C, "br", Label); Add(0x0D, "br_if", Label); Add(0x0E, "br_table", LabelTable); Add(0x0F, "return");
        Add(0x10, "call", Function); Add(0x11, "call_indirect", ImmediateKind.CallIndirect);
        Add(0x1A, "drop"); Add(0x1B, "select"); Add(0x1C, "select", SelectTypes);
        Add(0x20, "local.get", Local); Add(0x21, "local.set", Local); Add(0x22, "local.tee", Local);
        Add(0x23, "global.get", ImmediateKind.Global); Add(0x24, "global.set", ImmediateKind.Global);
        Add(0x25, "table.get", Table); Add(0x26, "table.set", Table);

        string[] loads = ["i32.load:i:4", "i64.load:I:8", "f32.load:f:4", "f64.load:F:8", "i32.load8_s:i:1", "i32.load8_u:i:1",
            "i32.load16_s:i:2", "i32.load16_u:i:2", "i64.load8_s:I:1", "i64.load8_u:I:1", "i64.load16_s:I:2", "i64.load16_u:I:2",
            "i64.load32_s:I:4", "i64.load32_u:I:4"];
        for (int k = 0; k < loads.Length; k++)
        {
            var f = loads[k].Split(':');
            Add(0x28 + k, f[0], MemArg, "i->" + f[1], int.Parse(f[2]));
        }
        string[] stores = ["i32.store:i:4", "i64.store:I:8", "f32.store:f:4", "f64.store:F:8", "i32.store8:i:1", "i32.store16:i:2",
            "i64.store8:I:1", "i64.store16:I:2", "i64.store32:I:4"];
        for (int k = 0; k < stores.Length; k++)
        {
            var f = stores[k].Split(':');
            Add(0x36 + k, f[0], MemArg, "i" + f[1] + "->", int.Parse(f[2]));
        }
        Add(0x3F, "memory.size", Memory, "->i"); Add(0x40, "memory.grow", Memory, "i->i");
        Add(0x41, "i32.const", I32, "->i"); Add(0x42, "i64.const", I64, "->I");
        Add(0x43, "f32.const", F32, "->f"); Add(0x44, "f64.const", F64, "->F");

        Family(0x45, "i32", "i->i", "eqz"); Family(0x46, "i32", "ii->i", "eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u");
        Family(0x50, "i64", "I->i", "eqz"); Family(0x51, "i64", "II->i", "eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u");
        Family(0x5B, "f32", "ff->i", "eq ne lt gt le ge"); Family(0x61, "f64", "FF->i", "eq ne lt gt le ge");
        Family(0x67, "i32", "i->i", "clz ctz popcnt");
        Family(0x6A, "i32", "ii->i", "add sub mul div_s div_u rem_s rem_u and or xor shl shr_s shr_u rotl rotr");
        Family(0x79, "i64", "I->I", "clz ctz popcnt");
        Family(0x7C, "i64", "II->I", "add sub mul div_s div_u rem_s rem_u and or xor shl shr_s shr_u rotl rotr");
        Family(0x8B, "f32", "f->f", "abs neg ceil floor trunc nearest sqrt");
        Family(0x92, "f32", "ff->f", "add sub mul div min max copysign");
        Family(0x99, "f64", "F->F", "abs neg ceil floor trunc nearest sqrt");
        Family(0xA0, "f64", "FF->F", "add sub mul div min max copysign");
        string[] conversions = ["i32.wrap_i64:I->i", "i32.trunc_f32_s:f->i", "i32.trunc_f32_u:f->i", "i32.trunc_f64_s:F->i",
            "i32.trunc_f64_u:F->i", "i64.extend_i32_s:i->I", "i64.extend_i32_u:i->I", "i64.trunc_f32_s:f->I", "i64.trunc_f32_u:f->I",
            "i64.trunc_f64_s:F->I", "i64.trunc_f64_u:F->I", "f32.convert_i32_s:i->f", "f32.convert_i32_u:i->f",
            "f32.convert_i64_s:I->f", "f32.convert_i64_u:I->f", "f32.demote_f64:F->f", "f64.convert_i32_s:i->F",
            "f64.convert_i32_u:i->F", "f64.convert_i64_s:I->F", "f64.convert_i64_u:I->F", "f64.promote_f32:f->F",
            "i32.reinterpret_f32:f->i", "i64.reinterpret_f64:F->I", "f32.reinterpret_i32:i->f", "f64.reinterpret_i64:I->F",
            "i32.extend8_s:i->i", "i32.extend16_s:i->i", "i64.extend8_s:I->I", "i64.extend16_s:I->I", "i64.extend32_s:I->I"];
        for (int k = 0; k < conversions.Length; k++)
        {
            var f = conversions[k].Split(':');
            Add(0xA7 + k, f[0], None, f[1]);
        }
        Add(0xD0, "ref.null", RefType); Add(0xD1, "ref.is_null"); Add(0xD2, "ref.func", Function);

        string[] saturating = ["i32.trunc_sat_f32_s:f->i", "i32.trunc_sat_f32_u:f->i", "i32.trunc_sat_f64_s:F->i",
            "i32.trunc_sat_f64_u:F->i", "i64.trunc_sat_f32_s:f->I", "i64.trunc_sat_f32_u:f->I", "i64.trunc_sat_f64_s:F->I",
            "i64.trunc_sat_f64_u:F->I"];
        for (int k = 0; k < saturating.Length; k++)
        {
            var f = saturating[k].Split(':');
            Add(0xFC00 + k, f[0], None, f[1]);
        }
        Add(MemoryInit, "memory.init", ImmediateKind.MemoryInit, "iii->"); Add(DataDrop, "data.drop", Data, "->");
        Add(MemoryCopy, "memory.copy", ImmediateKind.MemoryCopy, "iii->"); Add(MemoryFill, "memory.fill", Memory, "iii->");
        Add(TableInit, "table.init", ImmediateKind.TableInit, "iii->"); Add(ElemDrop, "elem.drop", Element, "->");
        Add(TableCopy, "table.copy", ImmediateKind.TableCopy, "iii->"); Add(TableGrow, "table.grow", Table);
        Add(TableSize, "table.size", Table, "->i"); Add(TableFill, "table.fill", Table);

        void Family(int first, string prefix, string sig, string names)
        {
            var list = names.Split(' ');
            for (int k = 0; k < list.Length; k++) Add(first + k, prefix + "." + list[k], None, sig);
        }
    }

    private static ValType[] Types(string letters) => letters.Select(c => c switch
    {
        'i' => ValType.I32, 'I' => ValType.I64, 'f' => ValType.F32, 'F' => ValType.F64,
        _ => throw new ArgumentException(letters),
    }).ToArray();

    /// <summary>Every row, single-byte opcodes first.</summary>
    public static IEnumerable<OpcodeInfo> All => Single.Concat(Prefixed).OfType<OpcodeInfo>();

    /// <summary>The row of <paramref name="code"/>, or null for an opcode outside the table.</summary>
    public static OpcodeInfo? Get(ushort code) =>
        code >= 0xFC00 ? ((code & 0xFF) < Prefixed.Length && code <= 0xFCFF ? Prefixed[code & 0xFF] : null) : code < 256 ? Single[code] : null;

    /// <summary>The proposal a refused opcode (or prefix byte) belongs to, or null.</summary>
    public static string? RefusedFeature(int firstByte) => Refused.GetValueOrDefault(firstByte);
}
