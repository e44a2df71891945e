namespace Stencil.Integration.Tests;

/// <summary>Checks ELF files with the system's readelf, an independent judge of what Stencil wrote.</summary>
internal static class ElfAssert
{
    public static void ObjectIsClean(string objectFile, string step, params string[] symbols)
    {
        var readelf = ReadElf(objectFile, "-a", "-W");
        Assert.AreEqual(0, readelf.ExitCode, $"{step}: readelf rejected the object. {readelf.Describe()}");
        Assert.AreEqual("", readelf.StandardError.Trim(), $"{step}: readelf complained about the object. {readelf.Describe()}");
        StringAssert.Contains(readelf.StandardOutput, "REL (Relocatable file)", $"{step}: {readelf.Describe()}");
        StringAssert.Contains(readelf.StandardOutput, "X86-64", $"{step}: {readelf.Describe()}");
        foreach (var symbol in symbols)
            Assert.IsTrue(HasFunctionSymbol(readelf.StandardOutput, symbol), $"{step}: no FUNC symbol '{symbol}' in the object. {readelf.Describe()}");
    }

    public static void LacksSymbol(string objectFile, string step, string symbol)
    {
        var readelf = ReadElf(objectFile, "-s", "-W");
        Assert.IsFalse(HasFunctionSymbol(readelf.StandardOutput, symbol), $"{step}: '{symbol}' should be gone. {readelf.Describe()}");
    }

    public static void LibraryExports(string library, string step, params string[] symbols)
    {
        var readelf = ReadElf(library, "--dyn-syms", "-W");
        Assert.AreEqual(0, readelf.ExitCode, $"{step}: readelf rejected the library. {readelf.Describe()}");
        foreach (var symbol in symbols)
            Assert.IsTrue(HasFunctionSymbol(readelf.StandardOutput, symbol), $"{step}: the library does not export '{symbol}'. {readelf.Describe()}");
    }

    private static ProcessResult ReadElf(string file, params string[] options) =>
        ProcessRunner.Run(Prerequisite.RequireTool("readelf"), [.. options, file], Path.GetDirectoryName(file)!, timeout: TimeSpan.FromMinutes(1));

    // A symbol table row ends with: Type Bind Vis Ndx Name, e.g. "FUNC    GLOBAL DEFAULT    1 fnv1a64".
    private static bool HasFunctionSymbol(string readelfOutput, string name) =>
        readelfOutput.Split('\n').Any(line =>
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length >= 8 && fields[^1] == name && fields.Contains("FUNC");
        });
}
