using Stencil.Wasm.Instructions;
using Stencil.Wasm.Module;
using static Stencil.Wasm.Tests.WasmBuilder;

namespace Stencil.Wasm.Tests.Validation;

/// <summary>The opcode table and the code reading it agree: every row decodes and has a validation rule.</summary>
[TestClass]
public sealed class OpcodeTableTests
{
    private static byte[] Immediates(ImmediateKind kind) => kind switch
    {
        ImmediateKind.None => [],
        ImmediateKind.BlockType => [0x40],
        ImmediateKind.LabelTable => [0, 0],
        ImmediateKind.CallIndirect or ImmediateKind.MemArg or ImmediateKind.MemoryInit or ImmediateKind.MemoryCopy
            or ImmediateKind.TableInit or ImmediateKind.TableCopy => [0, 0],
        ImmediateKind.F32 => [0, 0, 0, 0],
        ImmediateKind.F64 => [0, 0, 0, 0, 0, 0, 0, 0],
        ImmediateKind.RefType => [0x70],
        ImmediateKind.SelectTypes => [1, 0x7F],
        _ => [0],
    };

    [TestMethod]
    public void EveryOpcodeDecodesAndValidatesInUnreachableCode()
    {
        var rows = Opcodes.All.Where(r => r.Code is not (Opcodes.Else or Opcodes.End)).ToList();
        Assert.IsGreaterThan(190, rows.Count, $"{rows.Count} rows");
        foreach (var row in rows)
        {
            byte[] opcode = row.Code >= 0xFC00 ? [0xFC, .. U32((uint)(row.Code & 0xFF))] : [(byte)row.Code];
            byte[] tail = row.Immediate == ImmediateKind.BlockType ? [0x0B, 0x1A, 0x0B] : [0x1A, 0x0B];
            // Below unreachable every operand is polymorphic, so only the immediates' indices matter; a drop takes any result.
            var module = new WasmBuilder()
                .Func(I32, None, [0x00, .. opcode, .. Immediates(row.Immediate), .. tail])
                .Table(ValType.FuncRef, 1)
                .Memory(1)
                .Section(6, Vec([[0x7F, 1, 0x41, 0, 0x0B]]))
                .Section(9, Vec([[1, 0, 1, 0]]))
                .Section(12, 1)
                .Section(11, Vec([[1, 0]]));
            try
            {
                var loaded = module.Load();
                var decoded = loaded.Bodies[0].Instructions().ElementAt(1);
                Assert.AreEqual(row.Code, decoded.Opcode, row.Name);
            }
            catch (Exception e)
            {
                Assert.Fail($"{row.Name}: {e.Message}");
            }
        }
    }

    [TestMethod]
    public void NamesAreUniqueExceptSelect()
    {
        var repeated = Opcodes.All.GroupBy(r => r.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        CollectionAssert.AreEqual(new[] { "select" }, repeated);
    }
}
