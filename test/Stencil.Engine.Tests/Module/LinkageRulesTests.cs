using Stencil.Engine.Module;

namespace Stencil.Engine.Tests.Module;

[TestClass]
public sealed class LinkageRulesTests
{
    [TestMethod]
    [DataRow(Linkage.Import, Linkage.Import, Linkage.Import)]
    [DataRow(Linkage.Import, Linkage.Export, Linkage.Export)]
    [DataRow(Linkage.Export, Linkage.Import, Linkage.Export)]
    [DataRow(Linkage.Import, Linkage.Local, Linkage.Local)]
    [DataRow(Linkage.Local, Linkage.Import, Linkage.Local)]
    [DataRow(Linkage.Local, Linkage.Local, Linkage.Local)]
    [DataRow(Linkage.Hidden, Linkage.Export, Linkage.Export)]
    [DataRow(Linkage.Export, Linkage.Hidden, Linkage.Export)]
    [DataRow(Linkage.Hidden, Linkage.Preemptible, Linkage.Preemptible)]
    [DataRow(Linkage.Preemptible, Linkage.Export, Linkage.Export)]
    public void StrongerClaimWins(Linkage existing, Linkage requested, Linkage expected)
    {
        Assert.IsTrue(LinkageRules.TryMerge(existing, requested, out var merged));
        Assert.AreEqual(expected, merged);
    }

    [TestMethod]
    [DataRow(Linkage.Local, Linkage.Export)]
    [DataRow(Linkage.Export, Linkage.Local)]
    [DataRow(Linkage.Local, Linkage.Hidden)]
    [DataRow(Linkage.Preemptible, Linkage.Local)]
    public void LocalNeverMergesWithAVisibleLinkage(Linkage existing, Linkage requested) =>
        Assert.IsFalse(LinkageRules.TryMerge(existing, requested, out _));

    [TestMethod]
    public void PreemptibilityFollowsDefaultVisibility()
    {
        Assert.IsTrue(Linkage.Import.IsPreemptible());
        Assert.IsTrue(Linkage.Export.IsPreemptible());
        Assert.IsTrue(Linkage.Preemptible.IsPreemptible());
        Assert.IsFalse(Linkage.Hidden.IsPreemptible());
        Assert.IsFalse(Linkage.Local.IsPreemptible());
    }
}
