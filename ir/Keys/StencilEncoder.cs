using System.Buffers;
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

    private static void Encode(FunctionStencil f, KeyContext context, CanonicalBuffer w)
    {
        foreach (var b in Magic) w.WriteByte(b);
        w.WriteVarUInt(FormatVersion);
        w.WriteString(context.Triple);
        w.WriteVarUInt((ulong)context.Flags.Count);
        foreach (var (k, v) in context.Flags) { w.WriteString(k); w.WriteString(v); }
        w.WriteString(context.CompilerBuildId);

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
                w.WriteVarUInt((ulong)d.Opcode);
                w.WriteByte(d.ControllingType.Code);
                w.WriteVarUInt((ulong)d.Args.Length);
                foreach (var a in d.Args) w.WriteVarUInt(numbers.Of(a));
                w.WriteVarInt(d.Imm);
                w.WriteVarInt(d.Offset);
                w.WriteByte((byte)d.IntCond);
                w.WriteByte((byte)d.FloatCond);
                w.WriteVarUInt(d.Flags.Bits);
                w.WriteByte(d.Trap.Value);
                w.WriteByte((byte)d.RmwOp);
                w.WriteVarUInt(d.FuncRef.Index);
                w.WriteVarUInt(d.SigRef.Index);
                w.WriteVarUInt(d.StackSlot.Index);
                w.WriteVarUInt(d.GlobalValue.Index);
                w.WriteVarUInt(d.Constant.Index);
                w.WriteVarUInt((ulong)d.Destinations.Length);
                foreach (var dest in d.Destinations) WriteBlockCall(w, numbers, dest);
                if (d.Format == InstructionFormat.BranchTable && d.JumpTable.Index < dfg.JumpTables.Count)
                {
                    var jt = dfg.JumpTables[(int)d.JumpTable.Index];
                    WriteBlockCall(w, numbers, jt.Default);
                    w.WriteVarUInt((ulong)jt.Table.Length);
                    foreach (var bc in jt.Table) WriteBlockCall(w, numbers, bc);
                }
                w.WriteVarInt(d.DynamicType is { } dt ? dt.Index : -1);
                if (dfg.ExceptionTableOf(inst) is { } et)
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
                w.WriteVarUInt((ulong)results.Length);
                foreach (var r in results) w.WriteByte(dfg.ValueType(r).Code);
                w.WriteVarUInt(f.SrcLoc(inst).Offset);
            }
        }
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
