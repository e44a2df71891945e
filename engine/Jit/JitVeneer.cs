namespace Stencil.Engine.Jit;

/// <summary>
/// A 16-byte jump to an absolute address, for PC-relative calls whose target lies beyond ±2 GiB:
/// <c>jmp qword [rip+2]</c> (6 bytes), two bytes of padding, then the 8-byte address it reads.
/// </summary>
internal static class JitVeneer
{
    public const int Size = 16;

    public static void Write(Span<byte> at, nint target)
    {
        ReadOnlySpan<byte> jump = [0xFF, 0x25, 0x02, 0x00, 0x00, 0x00, 0xCC, 0xCC];
        jump.CopyTo(at);
        BitConverter.TryWriteBytes(at[8..], (long)target);
    }
}
