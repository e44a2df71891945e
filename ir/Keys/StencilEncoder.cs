using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Stencil.Ir.Entities;

namespace Stencil.Ir.Keys;

/// <summary>
/// The canonical, versioned encoding of a <see cref="FunctionStencil"/>: blocks and values renumbered in
/// layout order, aliases resolved, unreachable blocks and dead instructions left out (the compiler
/// removes the same ones, see <see cref="LiveCode"/>). Two stencils that differ only in entity
/// numbering encode identically; anything that can change the code changes the encoding.
/// </summary>
public static class StencilEncoder
{
    /// <summary>Bumped whenever the encoding changes, so old cache entries can never match.</summary>
    public const int FormatVersion = 2;
    private static ReadOnlySpan<byte> Magic => "STNK"u8;

    public static CacheKey ComputeKey(FunctionStencil stencil, KeyContext context)
    {
        using var buffer = new CanonicalBuffer(InitialCapacity(stencil));
        Encode(stencil, context, buffer);
        Span<byte> hash = stackalloc byte[CacheKey.Size];
        SHA256.HashData(buffer.Written, hash);
        return new CacheKey(hash);
    }

    public static void Encode(FunctionStencil f, KeyContext context, IBufferWriter<byte> output)
    {
        using var buffer = new CanonicalBuffer(InitialCapacity(f));
        Encode(f, context, buffer);
        output.Write(buffer.Written);
    }

    // About two dozen bytes per instruction; a guess that is too small only costs a copy.
    private static int InitialCapacity(FunctionStencil f) => 1024 + 32 * f.Dfg.NumInsts;

    // The header (magic, version, target, flags, build id) is the same for every function a context keys,
    // so it is encoded once per context and copied after that.
    private static readonly ConditionalWeakTable<KeyContext, byte[]> Headers = new();

    private static byte[] HeaderOf(KeyContext context) => Headers.GetValue(context, static c =>
    {
        using var w = new CanonicalBuffer(256);
        foreach (var b in Magic) w.WriteByte(b);
        w.WriteVarUInt(FormatVersion);
        w.WriteString(c.Triple);
        w.WriteVarUInt((ulong)c.Flags.Count);
        foreach (var (k, v) in c.Flags) { w.WriteString(k); w.WriteString(v); }
        w.WriteString(c.CompilerBuildId);
        return w.Written.ToArray();
    });

    private static void Encode(FunctionStencil f, KeyContext context, CanonicalBuffer w)
    {
        w.WriteRaw(HeaderOf(context));

        WriteSignature(w, f.Signature);
        w.WriteVarUInt((ulong)f.SizedStackSlots.Count);
        foreach (var ss in f.SizedStackSlots) { w.WriteByte((byte)ss.Kind); w.WriteVarUInt(ss.Size); w.WriteByte(ss.AlignShift); }
        w.WriteVarUInt((ulong)f.GlobalValues.Count);
        foreach (var gv in f.GlobalValues) WriteGlobalValue(w, gv);
        w.WriteVarInt(f.StackLimit is { } sl ? sl.Index : -1);
        w.WriteVarUInt((ulong)f.DynamicTypes.Count);
        foreach (var dt in f.DynamicTypes) { w.WriteByte(dt.BaseVectorType.Code); w.WriteVarUInt(dt.Scale.Index); }

        var dfg = f.Dfg;
        w.WriteVarUInt((ulong)dfg.Signatures.Count);
        foreach (var s in dfg.Signatures) WriteSignature(w, s);
        w.WriteVarUInt((ulong)dfg.ExtFuncs.Count);
        foreach (var ef in dfg.ExtFuncs) { WriteExternalName(w, ef.Name); w.WriteVarUInt(ef.Signature.Index); w.WriteByte(ef.Colocated ? (byte)1 : (byte)0); }
        w.WriteVarUInt((ulong)dfg.Constants.Count);
        foreach (var c in dfg.Constants) w.WriteBytes(c);

        var live = LiveCode.Compute(f);
        var numbers = new Renumbering(f, live);

        bool hasSrcLocs = f.HasSrcLocs;
        w.WriteVarUInt((ulong)numbers.BlockCount);
        foreach (var b in f.Layout.BlockSpan)
        {
            if (!live.IsReachable(b)) continue;
            var ps = dfg.BlockParams(b);
            w.WriteVarUInt((ulong)ps.Count);
            foreach (var p in ps) w.WriteByte(dfg.ValueType(p).Code);
            var insts = f.Layout.InstSpan(b);
            int liveCount = 0;
            foreach (var inst in insts) if (live.IsLive(inst)) liveCount++;
            w.WriteVarUInt((ulong)liveCount);
            foreach (var inst in insts)
            {
                if (!live.IsLive(inst)) continue;
                var d = dfg[inst];
                WriteOpcodeAndArgs(w, numbers, d);
                WriteFixedFields(w, d);
                foreach (var dest in d.Destinations) WriteBlockCall(w, numbers, dest);
                if (d.Format == InstructionFormat.BranchTable && d.JumpTable.Index < dfg.JumpTables.Count)
                {
                    var jt = dfg.JumpTables[(int)d.JumpTable.Index];
                    WriteBlockCall(w, numbers, jt.Default);
                    w.WriteVarUInt((ulong)jt.Table.Length);
                    foreach (var bc in jt.Table) WriteBlockCall(w, numbers, bc);
                }
                w.WriteVarInt(d.DynamicType is { } dt ? dt.Index : -1);
                if (d.Format is InstructionFormat.TryCall or InstructionFormat.TryCallIndirect && dfg.ExceptionTableOf(inst) is { } et)
                {
                    w.WriteVarUInt(et.Signature.Index);
                    WriteExceptionBlockCall(w, numbers, et.NormalReturn);
                    w.WriteVarUInt((ulong)et.Entries.Length);
                    foreach (var e in et.Entries)
                    {
                        w.WriteVarInt(e.Tag is { } tag ? tag : -1);
                        WriteExceptionBlockCall(w, numbers, e.Target);
                    }
                }
                var results = dfg.ResultSpan(inst);
                var span = w.Reserve(2 * CanonicalWriter.MaxVarUIntBytes + results.Length);
                int n = 0;
                CanonicalBuffer.Put(span, ref n, (ulong)results.Length);
                foreach (var r in results) span[n++] = dfg.ValueType(r).Code;
                CanonicalBuffer.Put(span, ref n, hasSrcLocs ? f.SrcLoc(inst).Offset : RelSourceLoc.Default.Offset);
                w.Advance(n);
            }
        }
    }

    private static void WriteOpcodeAndArgs(CanonicalBuffer w, Renumbering numbers, InstructionData d)
    {
        var args = d.Args;
        var span = w.Reserve((2 + args.Length) * CanonicalWriter.MaxVarUIntBytes + 1);
        int n = 0;
        CanonicalBuffer.Put(span, ref n, (ulong)d.Opcode);
        span[n++] = d.ControllingType.Code;
        CanonicalBuffer.Put(span, ref n, (ulong)args.Length);
        foreach (var a in args) CanonicalBuffer.Put(span, ref n, numbers.Of(a));
        w.Advance(n);
    }

    // Immediate, offset, codes, flags, entity references and the destination count: at most this many bytes.
    private const int FixedFieldBytes = 2 * CanonicalWriter.MaxVarUIntBytes + 10 * 5;

    /// <summary>The fields every instruction has whatever its format, written as one run.</summary>
    private static void WriteFixedFields(CanonicalBuffer w, InstructionData d)
    {
        var span = w.Reserve(FixedFieldBytes);
        int n = 0;
        CanonicalBuffer.Put(span, ref n, CanonicalWriter.ZigZag(d.Imm));
        CanonicalBuffer.Put(span, ref n, CanonicalWriter.ZigZag(d.Offset));
        span[n++] = (byte)d.IntCond;
        span[n++] = (byte)d.FloatCond;
        CanonicalBuffer.Put(span, ref n, d.Flags.Bits);
        span[n++] = d.Trap.Value;
        span[n++] = (byte)d.RmwOp;
        CanonicalBuffer.Put(span, ref n, d.FuncRef.Index);
        CanonicalBuffer.Put(span, ref n, d.SigRef.Index);
        CanonicalBuffer.Put(span, ref n, d.StackSlot.Index);
        CanonicalBuffer.Put(span, ref n, d.GlobalValue.Index);
        CanonicalBuffer.Put(span, ref n, d.Constant.Index);
        CanonicalBuffer.Put(span, ref n, (ulong)d.Destinations.Length);
        w.Advance(n);
    }

    private static void WriteBlockCall(CanonicalBuffer w, Renumbering numbers, BlockCall bc)
    {
        w.WriteVarUInt(numbers.Of(bc.Block));
        w.WriteVarUInt((ulong)bc.Args.Length);
        foreach (var a in bc.Args) w.WriteVarUInt(numbers.Of(a));
    }

    private static void WriteExceptionBlockCall(CanonicalBuffer w, Renumbering numbers, ExceptionBlockCall bc)
    {
        w.WriteVarUInt(numbers.Of(bc.Block));
        w.WriteVarUInt((ulong)bc.Args.Length);
        foreach (var a in bc.Args)
        {
            w.WriteByte((byte)a.Kind);
            w.WriteVarUInt(a.IsValue ? numbers.Of(a.AsValue) : a.Index);
        }
    }

    private static void WriteSignature(CanonicalBuffer w, Signature s)
    {
        w.WriteByte((byte)s.CallConv);
        w.WriteVarUInt((ulong)s.Params.Count);
        foreach (var p in s.Params) WriteAbiParam(w, p);
        w.WriteVarUInt((ulong)s.Returns.Count);
        foreach (var p in s.Returns) WriteAbiParam(w, p);
    }

    private static void WriteAbiParam(CanonicalBuffer w, AbiParam p)
    {
        w.WriteByte(p.Type.Code);
        w.WriteByte((byte)p.Extension);
        w.WriteByte((byte)p.Purpose);
        w.WriteVarUInt(p.StructSize);
    }

    private static void WriteGlobalValue(CanonicalBuffer w, GlobalValueData gv)
    {
        w.WriteByte((byte)gv.Kind);
        w.WriteVarUInt(gv.Base.Index);
        w.WriteVarInt(gv.Offset);
        w.WriteByte(gv.GlobalType.Code);
        w.WriteVarUInt(gv.Flags.Bits);
        WriteExternalName(w, gv.Name);
        w.WriteByte((byte)((gv.Colocated ? 1 : 0) | (gv.Tls ? 2 : 0)));
    }

    private static void WriteExternalName(CanonicalBuffer w, Names.ExternalName n)
    {
        w.WriteByte((byte)n.Kind);
        w.WriteVarUInt(n.Payload);
    }
}
