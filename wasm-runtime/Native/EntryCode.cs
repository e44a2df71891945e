namespace Stencil.Wasm.Runtime.Native;

/// <summary>
/// The two routines that cannot be written in C#: the entry routine every call into wasm goes through, and the
/// <see cref="Abi.WasmBuiltin.Trap"/> builtin that unwinds to it. Hand-written x86-64 machine code, mapped once per
/// process into a page of our own that is written, then made read-execute (never both).
/// </summary>
/// <remarks>
/// <c>int Entry(VmStore* store, vmctx, code, values, arrayTrampoline, stackBudget)</c> pushes rbp, rbx and
/// r12–r15, then the store's previous entry frame and stack limit and the store pointer, and makes that stack pointer
/// the store's entry frame; when no entry was active it also sets the stack limit to its stack pointer minus the
/// budget. It calls <c>arrayTrampoline(vmctx, code, values)</c>, returns 0, and on the way out puts the previous
/// frame and limit back, so a wasm → host → wasm call nests. <c>Trap(vmctx, kind)</c> loads the store from the
/// vmctx, sets the stack pointer to the active entry frame (dropping every wasm frame above it: native frames only,
/// never a managed one, since managed code never calls Trap) and joins the entry's exit path with <c>kind</c> in eax,
/// which restores the callee-saved registers the entry saved. Stack alignment: 16 at the call (return address,
/// rbp, five registers and three words).
/// </remarks>
internal static class EntryCode
{
    public const int EntryOffset = 0x00;
    public const int TrapOffset = 0x50;

    /// <summary>The bytes; each line is one instruction (checked against this listing by a disassembling test).</summary>
    public static ReadOnlySpan<byte> Bytes =>
    [
        0x55,                                       // 00: push rbp
        0x48, 0x89, 0xE5,                           // 01: mov rbp,rsp
        0x53,                                       // 04: push rbx
        0x41, 0x54,                                 // 05: push r12
        0x41, 0x55,                                 // 07: push r13
        0x41, 0x56,                                 // 09: push r14
        0x41, 0x57,                                 // 0B: push r15
        0xFF, 0x77, 0x08,                           // 0D: push qword ptr [rdi+8]      previous entry frame
        0xFF, 0x37,                                 // 10: push qword ptr [rdi]        previous stack limit
        0x57,                                       // 12: push rdi                    the store
        0x48, 0x83, 0x7F, 0x08, 0x00,               // 13: cmp qword ptr [rdi+8],0     outermost entry?
        0x75, 0x09,                                 // 18: jne short 23h
        0x48, 0x89, 0xE0,                           // 1A: mov rax,rsp
        0x4C, 0x29, 0xC8,                           // 1D: sub rax,r9
        0x48, 0x89, 0x07,                           // 20: mov [rdi],rax               stack limit = sp - budget
        0x48, 0x89, 0x67, 0x08,                     // 23: mov [rdi+8],rsp             entry frame = sp
        0x48, 0x89, 0xF7,                           // 27: mov rdi,rsi                 vmctx
        0x48, 0x89, 0xD6,                           // 2A: mov rsi,rdx                 code
        0x48, 0x89, 0xCA,                           // 2D: mov rdx,rcx                 values
        0x41, 0xFF, 0xD0,                           // 30: call r8                     the array trampoline
        0x31, 0xC0,                                 // 33: xor eax,eax                 returns 0
        0x5F,                                       // 35: pop rdi                     (Trap joins here)
        0x59,                                       // 36: pop rcx
        0x48, 0x89, 0x0F,                           // 37: mov [rdi],rcx               restore the stack limit
        0x59,                                       // 3A: pop rcx
        0x48, 0x89, 0x4F, 0x08,                     // 3B: mov [rdi+8],rcx             restore the entry frame
        0x41, 0x5F,                                 // 3F: pop r15
        0x41, 0x5E,                                 // 41: pop r14
        0x41, 0x5D,                                 // 43: pop r13
        0x41, 0x5C,                                 // 45: pop r12
        0x5B,                                       // 47: pop rbx
        0x5D,                                       // 48: pop rbp
        0xC3,                                       // 49: ret
        0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC,         // 4A: int3 (padding)
        0x48, 0x8B, 0x47, 0x10,                     // 50: mov rax,[rdi+10h]           VmStore* from the vmctx
        0x48, 0x8B, 0x60, 0x08,                     // 54: mov rsp,[rax+8]             the active entry frame
        0x89, 0xF0,                                 // 58: mov eax,esi                 the kind is the result
        0xEB, 0xD9,                                 // 5A: jmp short 35h
    ];

    private static readonly Lazy<nint> Page = new(MapPage);

    public static nint Entry => Page.Value + EntryOffset;
    public static nint Trap => Page.Value + TrapOffset;

    private static nint MapPage()
    {
        var size = (nuint)Environment.SystemPageSize;
        var page = PosixMapping.Map(size, PosixMapping.ProtRead | PosixMapping.ProtWrite);
        unsafe
        {
            var span = new Span<byte>((void*)page, (int)size);
            span.Fill(0xCC);
            Bytes.CopyTo(span);
        }
        PosixMapping.Protect(page, size, PosixMapping.ProtRead | PosixMapping.ProtExec);
        return page;
    }
}
