using Stencil.Engine.Compilation;
using Stencil.Ir;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Text;
using Stencil.Ir.Verification;

namespace Stencil.Engine.Building;

/// <summary>Reads, parses and verifies source files into functions in a fixed order (files by ordinal path,
/// functions in file order), collecting diagnostics instead of stopping at the first bad file.</summary>
public static class SourceLoader
{
    public static List<SourceFunction> Load(IReadOnlyList<string> sources, List<Diagnostic> diagnostics)
    {
        var result = new List<SourceFunction>();
        var paths = sources.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var symbols = new Dictionary<string, ClifFunction>(StringComparer.Ordinal);
        for (int fileIndex = 0; fileIndex < paths.Length; fileIndex++)
        {
            var path = paths[fileIndex];
            if (!TryRead(path, diagnostics, out var text)) continue;
            ClifFile file;
            try
            {
                file = ClifReader.ParseFile(text, path);
            }
            catch (DiagnosticException e)
            {
                diagnostics.Add(e.Diagnostic.File is null ? e.Diagnostic with { File = path } : e.Diagnostic);
                continue;
            }
            for (int i = 0; i < file.Functions.Count; i++)
            {
                var cf = file.Functions[i];
                var verify = Verifier.Verify(cf.Function, cf.PositionOf, path);
                if (verify.Count > 0)
                {
                    diagnostics.AddRange(verify.Select(d => d.Line > 0 ? d : d with { Line = cf.Location.Line, Column = cf.Location.Column }));
                    continue;
                }
                var symbol = cf.Function.Name.SymbolName;
                if (symbols.TryGetValue(symbol, out var first))
                {
                    diagnostics.Add(Diagnostic.Error(BuildDiagnosticCodes.DuplicateSymbol,
                        $"function `{symbol}` is defined more than once (first at {first.Location})", path, cf.Location.Line, cf.Location.Column));
                    continue;
                }
                symbols.Add(symbol, cf);
                result.Add(new SourceFunction(new ModuleFunction(cf.Function, path, cf.Location.Line, cf.Location.Column), fileIndex, i));
            }
        }
        return result;
    }

    private static bool TryRead(string path, List<Diagnostic> diagnostics, out string text)
    {
        text = "";
        try
        {
            text = File.ReadAllText(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error(BuildDiagnosticCodes.FileNotFound, $"cannot read the source file: {e.Message}", path));
            return false;
        }
    }
}
