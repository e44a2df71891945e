using Stencil.Ir.Generation;
using Stencil.Ir.Interpretation;
using IrInterpreter = Stencil.Ir.Interpretation.Interpreter;

namespace Stencil.Ir.Tests.Generation;

/// <summary>Generated code runs to completion: loops terminate, calls end, guarded divisions and in-bounds
/// stack accesses never trap, whatever the arguments.</summary>
[TestClass]
public sealed class GeneratedExecutionTests
{
    [TestMethod]
    public void GeneratedFunctionsTerminateWithoutTrapping()
    {
        var rng = new Random(17);
        var options = new InterpreterOptions { MaxSteps = 2_000_000 };
        int runs = 0;
        for (int seed = 0; seed < 10; seed++)
        {
            var module = new RandomFunctionGenerator(seed).GenerateModule(30, 80);
            var interpreterModule = new InterpreterModule();
            foreach (var f in module) interpreterModule.Add(f);
            foreach (var f in module)
            {
                for (int call = 0; call < 3; call++)
                {
                    var args = f.Signature.Params.Select(p => DataValue.Int(p.Type, rng.NextInt64(long.MinValue, long.MaxValue) >> rng.Next(64))).ToArray();
                    var result = IrInterpreter.Call(interpreterModule, f, args, options);
                    Assert.IsTrue(result.Completed, $"{f.Name}: trap {result.Trap}, unsupported {result.Unsupported}");
                    Assert.HasCount(1, result.Returns);
                    Assert.AreEqual(f.Signature.Returns[0].Type, result.Returns[0].Type);
                    runs++;
                }
            }
        }
        Assert.AreEqual(900, runs);
    }
}
