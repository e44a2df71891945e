using Stencil.Engine.FileTests;
using Stencil.Engine.Linking;
using Stencil.Engine.Module;
using Stencil.Engine.Object;
using Stencil.Ir;
using Stencil.Ir.Names;
using Stencil.Isa;

namespace Stencil.Engine.Tests.FileTests;

/// <summary>
/// The object run harness on s390x before Stencil compiles for it: hand-encoded functions and a hand-encoded trampoline
/// (bytes checked with <c>s390x-linux-gnu-as</c>), the directive table in big-endian slots, linked with the fixed C
/// runner by the cross gcc and run under qemu-s390x; a trap, a crash and a call that never returns are reported per
/// directive and the run goes on.
/// </summary>
[TestClass]
public sealed class ObjectRunHarnessTests
{
    private static readonly TargetTriple S390x = TargetTriple.Parse("s390x-unknown-linux-gnu");

    [TestMethod]
    public void SlotsHoldTheValueFromTheirStartInTheTargetsByteOrder()
    {
        var type = IrType.I32;
        var slot = new byte[ObjectRunTable.SlotSize];
        slot[0] = 0x12; slot[1] = 0x34; slot[2] = 0x56; slot[3] = 0x78;
        Assert.AreEqual((UInt128)0x12345678, ObjectRunTable.ReadSlot(slot, type, Endianness.Big));
        Assert.AreEqual((UInt128)0x78563412, ObjectRunTable.ReadSlot(slot, type, Endianness.Little));
    }

    [TestMethod]
    public void HandEncodedS390xCodeRunsUnderQemuAndSignalsAreReportedPerDirective()
    {
        Prerequisite.RequireTool("qemu-s390x");
        Prerequisite.RequireTool(SystemLinker.CrossDriverName(S390x));
        var m = new ObjectModule(new ObjectModuleOptions { Triple = S390x });
        // add(a, b) = a + b (i32): ar %r2,%r3; br %r14. Local, under a name C also uses.
        var add = m.DeclareFunction("main", Linkage.Local);
        m.DefineFunctionBytes(add, [0x1a, 0x23, 0x07, 0xfe], 8, [], []);
        // trap(): the all-zero halfword, an invalid opcode (SIGILL).
        var trap = m.DeclareFunction("trap", Linkage.Local);
        m.DefineFunctionBytes(trap, [0x00, 0x00], 8, [], [new TrapSite(0, TrapCode.Unreachable)]);
        // crash(): lghi %r1,0; lg %r2,0(%r1) -- a load from address 0 (SIGSEGV).
        var crash = m.DeclareFunction("crash", Linkage.Local);
        m.DefineFunctionBytes(crash, [0xa7, 0x19, 0x00, 0x00, 0xe3, 0x20, 0x10, 0x00, 0x00, 0x04], 8, [], []);
        // spin(): j . -- never returns; the runner's alarm stops it.
        var spin = m.DeclareFunction("spin", Linkage.Local);
        m.DefineFunctionBytes(spin, [0xa7, 0xf4, 0x00, 0x00], 8, [], []);
        // tramp(fn, args, results) for (i32, i32) -> i32: stmg %r13,%r15,104(%r15); aghi %r15,-160; lgr %r1,%r2;
        // lgr %r13,%r4; l %r2,0(%r3); l %r3,16(%r3); basr %r14,%r1; st %r2,0(%r13); lmg %r13,%r15,264(%r15); br %r14
        var tramp = m.DeclareFunction("tramp", Linkage.Local);
        m.DefineFunctionBytes(tramp, Convert.FromHexString("EBDFF0680024A7FBFF60B9040012B90400D45820300058303010" + "0DE15020D000EBDFF108000407FE"), 8, [], []);

        var table = new ObjectRunTable(Endianness.Big);
        foreach (var f in new[] { add, trap, crash }) table.AddFunction(f);
        table.AddDirective(tramp, add, [TestValue.Of(IrType.I32, 7), TestValue.Of(IrType.I32, unchecked((uint)-3))], 1);
        table.AddDirective(tramp, trap, [TestValue.Of(IrType.I32, 0), TestValue.Of(IrType.I32, 0)], 1);
        table.AddDirective(tramp, crash, [TestValue.Of(IrType.I32, 0), TestValue.Of(IrType.I32, 0)], 1);
        table.AddDirective(tramp, add, [TestValue.Of(IrType.I32, 0x7fffffff), TestValue.Of(IrType.I32, 1)], 1);
        table.AddDirective(tramp, spin, [TestValue.Of(IrType.I32, 0), TestValue.Of(IrType.I32, 0)], 1);
        table.DefineIn(m);

        using var dir = new TempDirectory();
        var obj = dir.File("code.o");
        File.WriteAllBytes(obj, m.Finish().Emit());
        Assert.IsTrue(ObjectRunHarness.TryGetRunner(S390x, out var runner, out var error), error);
        var exe = dir.File("run");
        Assert.IsTrue(SystemLinker.TryLinkExecutable([runner, obj], exe, S390x, out var diagnostics, ["-no-pie"]), diagnostics);
        Assert.IsTrue(ObjectRunHarness.TryGetLauncher(S390x, out var qemu, out var qemuArguments, out error), error);
        Assert.IsTrue(ObjectRunHarness.TryRun(qemu, qemuArguments, exe, 0, 1, TimeSpan.FromMinutes(1), out var lines, out error), error);
        Assert.AreEqual("", error);

        var addresses = lines.Where(l => l.StartsWith("F ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToArray();
        Assert.HasCount(3, addresses);
        CollectionAssert.AreEqual(new[]
        {
            "R 0 00000004000000000000000000000000",
            $"S 1 4 {addresses[1]}",
            "S 2 11 0",
            "R 3 80000000000000000000000000000000",
            "S 4 14 0",
            "E",
        }, lines.Where(l => !l.StartsWith("F ", StringComparison.Ordinal)).ToArray());

        // Started after the crash, the runner reports only what follows.
        Assert.IsTrue(ObjectRunHarness.TryRun(qemu, qemuArguments, exe, 3, 1, TimeSpan.FromMinutes(1), out lines, out error), error);
        CollectionAssert.AreEqual(new[] { "R 3 80000000000000000000000000000000", "S 4 14 0", "E" }, lines.Where(l => !l.StartsWith("F ", StringComparison.Ordinal)).ToArray());
    }
}
