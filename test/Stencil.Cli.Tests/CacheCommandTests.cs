using System.Text.Json;

namespace Stencil.Cli.Tests;

[TestClass]
public sealed class CacheCommandTests
{
    [TestMethod]
    public void StatsCountsTheEntriesAndBuildOfACompile()
    {
        using var project = new CompiledProject();

        var table = CliRun.Of("cache", "stats", project.Cache).Expect(CliExitCodes.Success);
        StringAssert.Contains(table.Stdout, "Entries");
        StringAssert.Contains(table.Stdout, Stencil.Isa.TargetTriple.DefaultName, "a compile without --target uses the default triple");

        var json = CliRun.Of("cache", "stats", "--json", project.Cache).Expect(CliExitCodes.Success);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.AreEqual(2, doc.RootElement.GetProperty("entries").GetInt32());
        Assert.AreEqual(1, doc.RootElement.GetProperty("builds").GetInt32());
        Assert.AreEqual(2, doc.RootElement.GetProperty("totalMisses").GetInt64());
        Assert.IsTrue(doc.RootElement.GetProperty("payloadBytes").GetInt64() > 0);
    }

    [TestMethod]
    public void LsListsEveryFunctionAndHonoursTheLimit()
    {
        using var project = new CompiledProject();

        var table = CliRun.Of("cache", "ls", project.Cache).Expect(CliExitCodes.Success);
        StringAssert.Contains(table.Stdout, "max2");
        StringAssert.Contains(table.Stdout, "sum_max");
        StringAssert.Contains(table.Stdout, "2 entries");

        var names = ListJson(project.Cache).Select(e => e.GetProperty("functionName").GetString()).Order().ToList();
        Assert.AreEqual(2, names.Count);
        Assert.IsTrue(names.All(n => n!.Contains("max", StringComparison.Ordinal)), string.Join(",", names));

        var limited = CliRun.Of("cache", "ls", "--json", "--limit", "1", project.Cache).Expect(CliExitCodes.Success);
        using var doc = JsonDocument.Parse(limited.Stdout);
        Assert.AreEqual(2, doc.RootElement.GetProperty("total").GetInt32());
        Assert.AreEqual(1, doc.RootElement.GetProperty("entries").GetArrayLength());
    }

    [TestMethod]
    public void ShowDecodesAndDisassemblesAnEntryByKeyPrefix()
    {
        using var project = new CompiledProject();
        var entry = ListJson(project.Cache).Single(e => e.GetProperty("functionName").GetString()!.Contains("sum_max", StringComparison.Ordinal));
        var key = entry.GetProperty("key").GetString()!;

        var table = CliRun.Of("cache", "show", project.Cache, key[..10]).Expect(CliExitCodes.Success);
        StringAssert.Contains(table.Stdout, key);
        StringAssert.Contains(table.Stdout, "Code size");
        StringAssert.Contains(table.Stdout, "call");
        StringAssert.Contains(table.Stdout, "userextname0");

        var json = CliRun.Of("cache", "show", "--json", project.Cache, key[..10].ToUpperInvariant()).Expect(CliExitCodes.Success);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.AreEqual(key, doc.RootElement.GetProperty("entry").GetProperty("key").GetString());
        var code = doc.RootElement.GetProperty("code");
        Assert.IsTrue(code.GetProperty("codeSize").GetInt32() > 0);
        Assert.AreEqual(1, code.GetProperty("relocations").GetArrayLength());
        StringAssert.Contains(code.GetProperty("disassembly").GetString(), "call");
    }

    [TestMethod]
    public void ShowOfAnUnknownKeyIsAnInputError()
    {
        using var project = new CompiledProject();
        var keys = ListJson(project.Cache).Select(e => e.GetProperty("key").GetString()!).ToList();
        var absent = Enumerable.Range(0, 16).Select(i => i.ToString("x")).First(d => keys.All(k => !k.StartsWith(d, StringComparison.Ordinal)));

        var run = CliRun.Of("cache", "show", project.Cache, absent).Expect(CliExitCodes.InputError);

        StringAssert.Contains(run.Stderr, "error STN4031");
    }

    [TestMethod]
    public void VerifyFindsAHealthyCache()
    {
        using var project = new CompiledProject();

        var run = CliRun.Of("cache", "verify", project.Cache).Expect(CliExitCodes.Success);
        StringAssert.Contains(run.Stdout, "2 entries checked, 0 damaged, 0 deleted");

        var json = CliRun.Of("cache", "verify", "--json", "--repair", project.Cache).Expect(CliExitCodes.Success);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.IsTrue(doc.RootElement.GetProperty("isHealthy").GetBoolean());
        Assert.AreEqual(2, doc.RootElement.GetProperty("checked").GetInt32());
    }

    [TestMethod]
    public void HistoryListsBuildsNewestFirst()
    {
        using var project = new CompiledProject();
        CliRun.Of("compile", project.Source, "--cache", project.Cache).Expect(CliExitCodes.Success);

        var table = CliRun.Of("cache", "history", project.Cache).Expect(CliExitCodes.Success);
        StringAssert.Contains(table.Stdout, "kernels");
        StringAssert.Contains(table.Stdout, "2 builds");

        var json = CliRun.Of("cache", "history", "--json", project.Cache).Expect(CliExitCodes.Success);
        using var doc = JsonDocument.Parse(json.Stdout);
        var builds = doc.RootElement.EnumerateArray().ToList();
        Assert.AreEqual(2, builds.Count);
        Assert.AreEqual(2, builds[0].GetProperty("hits").GetInt32(), "the newest build comes first and hit everything");
        Assert.AreEqual(2, builds[1].GetProperty("misses").GetInt32());
        Assert.AreEqual("kernels", builds[0].GetProperty("projectName").GetString());

        var limited = CliRun.Of("cache", "history", "--json", "--limit", "1", project.Cache).Expect(CliExitCodes.Success);
        using var one = JsonDocument.Parse(limited.Stdout);
        Assert.AreEqual(1, one.RootElement.GetArrayLength());
    }

    [TestMethod]
    public void TrimRemovesEntriesDownToTheLimit()
    {
        using var project = new CompiledProject();

        var kept = CliRun.Of("cache", "trim", project.Cache, "--max-size", "1MB").Expect(CliExitCodes.Success);
        StringAssert.Contains(kept.Stdout, "removed 0 entries; 2 entries");

        var emptied = CliRun.Of("cache", "trim", project.Cache, "--max-size", "0").Expect(CliExitCodes.Success);
        StringAssert.Contains(emptied.Stdout, "removed 2 entries; 0 entries, 0 payload bytes remain");
        Assert.AreEqual(0, ListJson(project.Cache).Count);
    }

    [TestMethod]
    public void ClearEmptiesTheCacheAndItsHistory()
    {
        using var project = new CompiledProject();

        var run = CliRun.Of("cache", "clear", project.Cache).Expect(CliExitCodes.Success);
        StringAssert.Contains(run.Stdout, "removed 2 entries");

        var json = CliRun.Of("cache", "stats", "--json", project.Cache).Expect(CliExitCodes.Success);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.AreEqual(0, doc.RootElement.GetProperty("entries").GetInt32());
        Assert.AreEqual(0, doc.RootElement.GetProperty("builds").GetInt32());
    }

    private static List<JsonElement> ListJson(string cache)
    {
        var run = CliRun.Of("cache", "ls", "--json", cache).Expect(CliExitCodes.Success);
        using var doc = JsonDocument.Parse(run.Stdout);
        return doc.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
