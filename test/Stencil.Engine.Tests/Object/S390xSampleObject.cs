using Stencil.Engine.Module;
using Stencil.Engine.Object;
using Stencil.Ir.Names;
using Stencil.Isa;
using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Tests.Object;

/// <summary>
/// A module of hand-encoded s390x functions (bytes checked with <c>s390x-linux-gnu-as</c>) and data, exercising the
/// relocations an s390x program needs, with a C driver that calls all of it and checks the answers.
/// </summary>
internal static class S390xSampleObject
{
    public static readonly TargetTriple Triple = TargetTriple.Parse("s390x-unknown-linux-gnu");

    public static ObjectModule Build() => Build(new ObjectModuleOptions { Triple = Triple, FileSymbolName = "s390x.clif" });

    public static ObjectModule Build(ObjectModuleOptions options)
    {
        var m = new ObjectModule(options);

        // add(a, b): ar %r2,%r3; lgfr %r2,%r2 (an int result is sign-extended); br %r14
        var add = m.DeclareFunction("add", Linkage.Export);
        m.DefineFunctionBytes(add, [0x1a, 0x23, 0xb9, 0x14, 0x00, 0x22, 0x07, 0xfe], 8, [], []);

        // call_add(a, b) = add(a, b) + 1: stmg %r14,%r15,112(%r15); aghi %r15,-160; brasl %r14,add@PLT;
        // ahi %r2,1; lgfr %r2,%r2; lmg %r14,%r15,272(%r15); br %r14
        var callAdd = m.DeclareFunction("call_add", Linkage.Export);
        m.DefineFunctionBytes(callAdd,
            [0xeb, 0xef, 0xf0, 0x70, 0x00, 0x24, 0xa7, 0xfb, 0xff, 0x60, 0xc0, 0xe5, 0, 0, 0, 0,
             0xa7, 0x2a, 0x00, 0x01, 0xb9, 0x14, 0x00, 0x22, 0xeb, 0xef, 0xf1, 0x10, 0x00, 0x04, 0x07, 0xfe], 8,
            [new ModuleReloc(12, Reloc.S390xPltRel32Dbl, add, 2)], []);

        // get_magic(): larl %r1,magic; lgf %r2,0(%r1); br %r14 -- hidden data, reached PC-relatively.
        var magic = m.DeclareData("magic", Linkage.Hidden, writable: false);
        m.DefineData(magic, [0, 0, 0, 42], 4, []);
        var getMagic = m.DeclareFunction("get_magic", Linkage.Export);
        m.DefineFunctionBytes(getMagic, [0xc0, 0x10, 0, 0, 0, 0, 0xe3, 0x20, 0x10, 0x00, 0x00, 0x14, 0x07, 0xfe], 8,
            [new ModuleReloc(2, Reloc.S390xPCRel32Dbl, magic, 2)], []);

        // fn_table: read-only function pointers, big-endian 8-byte addresses filled by the loader.
        var table = m.DeclareData("fn_table", Linkage.Export, writable: false);
        m.DefineData(table, new byte[16], 8, [new ModuleReloc(0, Reloc.Abs8, add, 0), new ModuleReloc(8, Reloc.Abs8, callAdd, 0)]);

        // scaled(x) = host_scale(x), a function the C side defines, reached through the PLT (a tail call: jg).
        var hostScale = m.DeclareFunction("host_scale", Linkage.Import);
        var scaled = m.DeclareFunction("scaled", Linkage.Export);
        m.DefineFunctionBytes(scaled, [0xc0, 0xf4, 0, 0, 0, 0], 8, [new ModuleReloc(2, Reloc.S390xPltRel32Dbl, hostScale, 2)], []);

        return m;
    }

    public const string CDriver = """
        extern int add(int, int);
        extern int call_add(int, int);
        extern int get_magic(void);
        extern int (*const fn_table[2])(int, int);
        extern int scaled(int);

        int host_scale(int x) { return x * 10; }

        int main(void)
        {
            if (add(2, 3) != 5) return 1;
            if (add(-7, 3) != -4) return 2;
            if (call_add(2, 3) != 6) return 3;
            if (get_magic() != 42) return 4;
            if (fn_table[0](4, 5) != 9 || fn_table[1](4, 5) != 10) return 5;
            if (scaled(3) != 30) return 6;
            return 0;
        }
        """;
}
