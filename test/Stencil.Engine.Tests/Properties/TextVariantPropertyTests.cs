using Stencil.Ir;
using Stencil.Ir.Text;

namespace Stencil.Engine.Tests.Properties;

/// <summary>Property (d): texts that differ only in numbering, comments, whitespace, the function's name,
/// callee names or the function's position in its file give the same key.</summary>
[TestClass]
public sealed class TextVariantPropertyTests
{
    [TestMethod]
    public void RewrittenTexts_GiveTheSameKeys()
    {
        var rng = new Random(99);
        int checkedFunctions = 0;
        foreach (var module in PropertyCorpus.Modules())
        {
            var renames = module.ToDictionary(f => f.Name.SymbolName, f => "r" + rng.Next(1_000_000) + "_" + f.Name.SymbolName, StringComparer.Ordinal);
            var keys = module.ToDictionary(f => renames[f.Name.SymbolName], PropertyCorpus.Key, StringComparer.Ordinal);

            // Every function rewritten on its own, then the whole file in another order.
            var texts = module.Select(f =>
                ClifTextVariants.Decorate(ClifTextVariants.Renumber(ClifTextVariants.RenameSymbols(ClifWriter.Write(f), renames), rng), rng)).ToList();
            var shuffled = texts.OrderBy(_ => rng.Next()).ToList();
            var file = ClifReader.ParseFile(string.Join("\n", shuffled), "variant.clif");

            Assert.HasCount(module.Count, file.Functions);
            foreach (var cf in file.Functions)
            {
                var name = cf.Function.Name.SymbolName;
                Assert.AreEqual(keys[name], PropertyCorpus.Key(cf.Function), $"{name}:\n{shuffled.First(t => t.Contains("%" + name + "(", StringComparison.Ordinal))}");
                checkedFunctions++;
            }
        }
        Assert.AreEqual(PropertyCorpus.Count, checkedFunctions);
    }

    /// <summary>The rewrites really change the text (else the property above would prove nothing).</summary>
    [TestMethod]
    public void Rewrites_ChangeTheText()
    {
        var rng = new Random(5);
        var f = PropertyCorpus.Functions().First(f => f.Params.UserNamedFuncs.Count > 0 && f.Layout.BlockCount > 2);
        var text = ClifWriter.Write(f);
        Assert.AreNotEqual(text, ClifTextVariants.Renumber(text, rng));
        Assert.AreNotEqual(text, ClifTextVariants.Decorate(text, rng));
        var callee = f.Params.UserNamedFuncs[0].Symbol!;
        var renamed = ClifTextVariants.RenameSymbols(text, new Dictionary<string, string> { [callee] = "elsewhere" });
        StringAssert.Contains(renamed, "= %elsewhere ");
        Assert.DoesNotContain("%" + callee + " ", renamed);
    }
}
