using Stencil.Engine.Wasm;

namespace Stencil.Cli.Wast;

/// <summary>Runs several spec scripts, each converted into its own temporary folder (deleted afterwards); files in
/// parallel, results in the order given.</summary>
public static class WastSuite
{
    public static IReadOnlyList<WastFileResult> Run(IReadOnlyList<string> files, WasmCompileOptions options, int maxParallel = 0)
    {
        var tool = WastScript.FindTool();
        var results = new WastFileResult[files.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxParallel > 0 ? maxParallel : Environment.ProcessorCount };
        Parallel.For(0, files.Count, parallel, i => results[i] = RunOne(files[i], tool, options));
        return results;
    }

    private static WastFileResult RunOne(string file, string tool, WasmCompileOptions options)
    {
        var folder = Path.Combine(Path.GetTempPath(), "stencil-wast-" + Guid.NewGuid().ToString("N"));
        try
        {
            WastScript script;
            try
            {
                script = WastScript.Convert(file, tool, folder);
            }
            catch (Ir.Diagnostics.DiagnosticException e)
            {
                return new WastFileResult(Path.GetFileName(file), [], e.Diagnostic.Message);
            }
            return new WastRunner(script, options).Run();
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
