using System.Buffers.Binary;
using Stencil.Ir;
using Stencil.Ir.Names;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.Tests;

/// <summary>
/// Places compiled functions in one executable mapping and applies their relocations, the way a
/// JIT module would: user names resolve to functions of the image by <see cref="UserExternalNameRef"/>
/// index (the tests give each function's index in the list), GOT-relative relocations get a slot
/// after the code holding the target's address, and libcalls go through a stub
/// (<c>jmp [rip+0]</c> + address) to the C library's function, which may be too far for a rel32.
/// </summary>
internal sealed class JitImage : IDisposable
{
    private readonly ExecutableMemory _memory;
    private readonly long[] _offsets;
    private readonly Dictionary<LibCall, long> _stubs = [];

    /// <param name="functions">Function i answers to user name reference i.</param>
    public JitImage(params CompiledFunction[] functions)
    {
        _offsets = new long[functions.Length];
        long pos = 0;
        for (int i = 0; i < functions.Length; i++)
        {
            pos = (pos + functions[i].Alignment - 1) & ~(long)(functions[i].Alignment - 1);
            _offsets[i] = pos;
            pos += functions[i].Code.Length;
        }
        long gotStart = (pos + 7) & ~7L;
        int relocCount = functions.Sum(f => f.Relocs.Count);
        long stubStart = gotStart + 8 * relocCount;
        var libcalls = functions.SelectMany(f => f.Relocs).Where(r => r.Target.Kind == ExternalNameKind.LibCall).Select(r => r.Target.LibCall).Distinct().Order().ToArray();
        _memory = new ExecutableMemory((int)(stubStart + 16 * libcalls.Length + 16));
        var mem = _memory.Writable;
        for (int i = 0; i < libcalls.Length; i++)
        {
            long stub = stubStart + 16 * i;
            var stubBytes = mem[(int)stub..];
            stubBytes[0] = 0xFF; stubBytes[1] = 0x25;          // jmp qword [rip+0]
            BinaryPrimitives.WriteInt32LittleEndian(stubBytes[2..], 0);
            BinaryPrimitives.WriteInt64LittleEndian(stubBytes[6..], LibmExport(libcalls[i]));
            _stubs[libcalls[i]] = _memory.Address + stub;
        }
        long got = gotStart;
        for (int i = 0; i < functions.Length; i++)
        {
            var f = functions[i];
            f.Code.CopyTo(mem[(int)_offsets[i]..]);
            foreach (var r in f.Relocs)
            {
                long place = _memory.Address + _offsets[i] + r.Offset;
                long symbol = SymbolAddress(r.Target);
                var info = RelocTable.Get(r.Kind);
                long value = info.Formula switch
                {
                    RelocFormula.PcRelative => symbol + r.Addend - place,
                    RelocFormula.GotPcRelative => WriteGotSlot(mem, ref got, symbol) + r.Addend - place,
                    _ => throw new NotSupportedException($"the test image cannot apply {r.Kind}"),
                };
                if (!info.TryWrite(mem[(int)(_offsets[i] + r.Offset)..], value, Endianness.Little))
                    throw new InvalidOperationException($"{r.Kind} at {r.Offset} cannot reach {r.Target}");
            }
        }
        _memory.MakeExecutable();
    }

    private long WriteGotSlot(Span<byte> mem, ref long got, long symbol)
    {
        BinaryPrimitives.WriteInt64LittleEndian(mem[(int)got..], symbol);
        long slot = _memory.Address + got;
        got += 8;
        return slot;
    }

    private long SymbolAddress(ExternalName name)
    {
        if (name.Kind == ExternalNameKind.User && name.UserRef.Index < _offsets.Length) return _memory.Address + _offsets[name.UserRef.Index];
        if (name.Kind == ExternalNameKind.LibCall && _stubs.TryGetValue(name.LibCall, out var stub)) return stub;
        throw new InvalidOperationException($"the test image has no symbol {name}");
    }

    private static long LibmExport(LibCall call)
    {
        var lib = System.Runtime.InteropServices.NativeLibrary.Load("libm.so.6");
        return System.Runtime.InteropServices.NativeLibrary.GetExport(lib, call.SymbolName());
    }

    public nint this[int function] => (nint)(_memory.Address + _offsets[function]);

    public void Dispose() => _memory.Dispose();
}
