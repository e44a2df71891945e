using Stencil.Ir.Entities;
using static Stencil.Ir.Tests.Verifier.VerifierTestKit;

namespace Stencil.Ir.Tests.Verifier;

/// <summary>The verifier runs on whatever a reader or pass produced, so arbitrary damage must give diagnostics, never exceptions.</summary>
[TestClass]
public sealed class RobustnessTests
{
    [TestMethod]
    public void RandomlyDamagedFunctionsNeverThrow()
    {
        var rng = new Random(12345);
        var opcodes = Enum.GetValues<Opcode>();
        int withProblems = 0;
        for (int round = 0; round < 3000; round++)
        {
            var f = ValidFunctionTests.LoopWithCall();
            int damage = 1 + rng.Next(4);
            for (int k = 0; k < damage; k++) Damage(f, rng, opcodes);
            IReadOnlyList<Diagnostics.Diagnostic> diags;
            try
            {
                diags = Stencil.Ir.Verification.Verifier.Verify(f, i => ((int)i.Index + 1, 1), "fuzz.clif");
            }
            catch (Exception e)
            {
                Assert.Fail($"round {round} threw: {e}");
                return;
            }
            Assert.IsTrue(diags.Count <= Stencil.Ir.Verification.Verifier.MaxDiagnostics);
            Assert.IsTrue(diags.All(d => d.Code.StartsWith("STN2", StringComparison.Ordinal)));
            if (diags.Count > 0) withProblems++;
        }
        // Almost every kind of damage is a real problem; a few (e.g. an unchanged immediate) are not.
        Assert.IsTrue(withProblems > 2000, $"only {withProblems} damaged functions had problems");
    }

    private static void Damage(Function f, Random rng, Opcode[] opcodes)
    {
        var dfg = f.Dfg;
        var inst = new Inst((uint)rng.Next(dfg.NumInsts));
        var d = dfg[inst];
        Value RandomValue() => new((uint)rng.Next(dfg.NumValues + 3));
        Block RandomBlock() => new((uint)rng.Next(dfg.NumBlocks + 2));
        switch (rng.Next(12))
        {
            case 0: d.Opcode = opcodes[rng.Next(opcodes.Length)]; break;
            case 1: d.Args = Enumerable.Range(0, rng.Next(4)).Select(_ => RandomValue()).ToArray(); break;
            case 2: d.ControllingType = IrType.FromCode((byte)rng.Next(256)); break;
            case 3: d.Destinations = Enumerable.Range(0, rng.Next(3)).Select(_ => new BlockCall(RandomBlock(), Enumerable.Range(0, rng.Next(3)).Select(_ => RandomValue()).ToArray())).ToArray(); break;
            case 4: d.Imm = rng.NextInt64(long.MinValue, long.MaxValue); break;
            case 5:
                d.FuncRef = new FuncRef((uint)rng.Next(3)); d.SigRef = new SigRef((uint)rng.Next(3)); d.StackSlot = new StackSlot((uint)rng.Next(2));
                d.GlobalValue = new GlobalValue((uint)rng.Next(2)); d.JumpTable = new JumpTable((uint)rng.Next(2)); d.Constant = new Constant((uint)rng.Next(2));
                break;
            case 6: f.Layout.RemoveInst(inst); break;
            case 7:
                var v = new Value((uint)rng.Next(dfg.NumValues));
                // The DFG refuses aliases of values that do not exist; that refusal is the expected outcome.
                try { dfg.SetAlias(v, RandomValue()); } catch (ArgumentOutOfRangeException) { }
                break;
            case 8:
                // Likewise the layout refuses to move a block it does not hold.
                try { f.Layout.MoveBlock(RandomBlock() is var b && dfg.IsValidBlock(b) ? b : dfg.MakeBlock(), rng.Next(f.Layout.BlockCount)); }
                catch (InvalidOperationException) { }
                break;
            case 9: dfg.AppendBlockParam(new Block((uint)rng.Next(dfg.NumBlocks)), IrType.FromCode((byte)rng.Next(256))); break;
            case 10: f.CreateJumpTable(new JumpTableData(new BlockCall(RandomBlock(), [RandomValue()]), [new BlockCall(RandomBlock(), null!)])); d.JumpTable = new JumpTable(0); break;
            default: dfg.AppendResult(inst, IrType.FromCode((byte)rng.Next(256))); break;
        }
    }
}
