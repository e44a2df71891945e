using Stencil.Engine.Module;
using Stencil.Engine.Object;
using Stencil.Ir;
using Stencil.Ir.Names;
using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Tests.Object;

/// <summary>
/// A module of hand-assembled x86-64 (System V) functions and data that exercises every linkage and
/// relocation kind a real program needs, with a C driver that calls all of it and checks the answers.
/// </summary>
internal static class SampleObject
{
    public static ObjectModule Build(ObjectModuleOptions? options = null)
    {
        var m = new ObjectModule(options);

        // add(a, b): lea eax, [rdi+rsi]; ret
        var add = m.DeclareFunction("add", Linkage.Export);
        m.DefineFunctionBytes(add, [0x8d, 0x04, 0x37, 0xc3], 16, [], []);

        // call_add(a, b) = add(a, b) + 1; the call goes through the PLT relocation.
        var callAdd = m.DeclareFunction("call_add", Linkage.Export);
        m.DefineFunctionBytes(callAdd,
            [0x48, 0x83, 0xec, 0x08, 0xe8, 0, 0, 0, 0, 0x83, 0xc0, 0x01, 0x48, 0x83, 0xc4, 0x08, 0xc3], 16,
            [new ModuleReloc(5, Reloc.X86CallPLTRel4, add, -4)], []);

        // same_mem(p, q, n) = memcmp(p, q, n) == 0, calling the libcall with a direct-call relocation.
        var sameMem = m.DeclareFunction("same_mem", Linkage.Export);
        m.DefineFunctionBytes(sameMem,
            [0x48, 0x83, 0xec, 0x08, 0xe8, 0, 0, 0, 0, 0x85, 0xc0, 0x0f, 0x94, 0xc0, 0x0f, 0xb6, 0xc0, 0x48, 0x83, 0xc4, 0x08, 0xc3], 16,
            [new ModuleReloc(5, Reloc.X86CallPCRel4, LibCall.Memcmp, -4)], []);

        // twice(x) is private to the object; quad(x) = twice(twice(x)) calls it directly.
        var twice = m.DeclareFunction("twice", Linkage.Local);
        var quad = m.DeclareFunction("quad", Linkage.Export);
        m.DefineFunctionBytes(quad,
            [0x48, 0x83, 0xec, 0x08, 0xe8, 0, 0, 0, 0, 0x89, 0xc7, 0xe8, 0, 0, 0, 0, 0x48, 0x83, 0xc4, 0x08, 0xc3], 16,
            [new ModuleReloc(5, Reloc.X86CallPCRel4, twice, -4), new ModuleReloc(12, Reloc.X86CallPCRel4, twice, -4)], []);
        m.DefineFunctionBytes(twice, [0x8d, 0x04, 0x3f, 0xc3], 4, [], []);

        // get_magic() reads hidden read-only data RIP-relatively; the ud2 after ret is a trap site.
        var magic = m.DeclareData("magic", Linkage.Hidden, writable: false);
        m.DefineData(magic, [42, 0, 0, 0], 4, []);
        var getMagic = m.DeclareFunction("get_magic", Linkage.Export);
        m.DefineFunctionBytes(getMagic, [0x8b, 0x05, 0, 0, 0, 0, 0xc3, 0x0f, 0x0b], 16,
            [new ModuleReloc(2, Reloc.X86PCRel4, magic, -4)], [new TrapSite(7, TrapCode.Unreachable)]);

        // bump() increments the exported counter through its GOT slot and returns the new value.
        var counter = m.DeclareData("counter", Linkage.Export, writable: true);
        m.DefineData(counter, [7, 0, 0, 0], 4, []);
        var bump = m.DeclareFunction("bump", Linkage.Export);
        m.DefineFunctionBytes(bump, [0x48, 0x8b, 0x05, 0, 0, 0, 0, 0xff, 0x00, 0x8b, 0x00, 0xc3], 16,
            [new ModuleReloc(3, Reloc.X86GOTPCRel4, counter, -4)], []);

        // fn_table: read-only function pointers, which need load-time relocation.
        var table = m.DeclareData("fn_table", Linkage.Export, writable: false);
        m.DefineData(table, new byte[16], 8,
            [new ModuleReloc(0, Reloc.Abs8, add, 0), new ModuleReloc(8, Reloc.Abs8, callAdd, 0)]);

        // scaled(x) = host_scale(x), a function the C side defines.
        var hostScale = m.DeclareFunction("host_scale", Linkage.Import);
        var scaled = m.DeclareFunction("scaled", Linkage.Export);
        m.DefineFunctionBytes(scaled, [0x48, 0x83, 0xec, 0x08, 0xe8, 0, 0, 0, 0, 0x48, 0x83, 0xc4, 0x08, 0xc3], 16,
            [new ModuleReloc(5, Reloc.X86CallPLTRel4, hostScale, -4)], []);

        return m;
    }

    public const string CDriver = """
        #include <stddef.h>
        extern int add(int, int);
        extern int call_add(int, int);
        extern int same_mem(const void *, const void *, size_t);
        extern int quad(int);
        extern int get_magic(void);
        extern int counter;
        extern int bump(void);
        extern int (*const fn_table[2])(int, int);
        extern int scaled(int);

        int host_scale(int x) { return x * 10; }

        int main(void)
        {
            if (add(2, 3) != 5) return 1;
            if (call_add(2, 3) != 6) return 2;
            if (same_mem("abc", "abc", 3) != 1) return 3;
            if (same_mem("abc", "abd", 3) != 0) return 4;
            if (quad(5) != 20) return 5;
            if (get_magic() != 42) return 6;
            if (counter != 7) return 7;
            if (bump() != 8 || counter != 8) return 8;
            if (fn_table[0](4, 5) != 9 || fn_table[1](4, 5) != 10) return 9;
            if (scaled(3) != 30) return 10;
            return 0;
        }
        """;
}
