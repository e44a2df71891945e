using Stencil.Engine.Wasm;
using Stencil.Isa;
using Stencil.Wasm;
using Stencil.Wasm.Translation;

namespace Stencil.Engine.Tests.Wasm;

/// <summary>The JIT runs code in this process, so it refuses a module compiled for another machine with a diagnostic.</summary>
[TestClass]
public sealed class WasmJitTargetTests
{
    [TestMethod]
    public void S390xCodeIsRefusedByTheJit()
    {
        var module = WasmLoader.Load(Stencil.Testing.Wat.Assemble("(module (func (export \"f\") (result i32) i32.const 1))"), "t.wasm");
        var translated = ModuleTranslator.Translate(module, "t");
        Assert.IsTrue(TargetTriple.TryParse("s390x-unknown-linux-gnu", out var s390x));
        var e = Assert.ThrowsExactly<WasmCompileException>(() => WasmJitCompiler.Compile(translated, new WasmCompileOptions { Triple = s390x }));
        Assert.AreEqual(IsaDiagnostics.UnsupportedTarget, e.Diagnostics.Single().Code);
        StringAssert.Contains(e.Message, "s390x");
    }
}
