using System.Text;
using Microsoft.Build.Framework;
using Stencil.Build.Wasm;
using Stencil.Ir.Diagnostics;
using Stencil.Wasm;
using Stencil.Wasm.Abi;

namespace Stencil.Build;

/// <summary>
/// Writes the C# class of every <c>StencilWasmModule</c> (see <see cref="WasmBindingWriter"/>) into the intermediate
/// folder as <c>&lt;module&gt;.wasm.g.cs</c> (the targets add those to Compile and each module to EmbeddedResource as
/// <c>Stencil.Wasm.&lt;module&gt;.wasm</c>, both by file name, so they need no output from this task). A module that does not decode or validate is
/// its STN5xxx diagnostic; two modules whose names collide are STN5010. A generated file is written only when its text
/// changes, so C# compilation stays incremental.
/// </summary>
public sealed class StencilWasmBindings : Microsoft.Build.Utilities.Task
{
    [Required] public ITaskItem[] Modules { get; set; } = [];
    [Required] public string OutputDirectory { get; set; } = "";
    /// <summary>The library the project's code is linked into (its file name is what the classes load).</summary>
    [Required] public string SharedLibrary { get; set; } = "";
    public string? Namespace { get; set; }


    public override bool Execute()
    {
        try
        {
            return ExecuteCore();
        }
        catch (Exception ex)
        {
            Log.LogError(null, Engine.Building.BuildDiagnosticCodes.Internal, null, null, 0, 0, 0, 0, "Stencil failed unexpectedly: {0}", $"{ex.GetType().Name}: {ex.Message}");
            Log.LogMessage(MessageImportance.Low, "{0}", $"{Engine.Building.BuildDiagnosticCodes.Internal} details: {ex}");
            return false;
        }
    }

    private bool ExecuteCore()
    {
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        var classes = new Dictionary<string, string>(StringComparer.Ordinal);
        Directory.CreateDirectory(OutputDirectory);
        foreach (var item in Modules.OrderBy(m => m.GetMetadata("FullPath"), StringComparer.Ordinal))
        {
            var path = item.GetMetadata("FullPath");
            var moduleName = WasmModuleNames.FromPath(path);
            var className = WasmBindingWriter.ClassNameFor(moduleName);
            if (byName.TryGetValue(moduleName, out var first) || classes.TryGetValue(className, out first))
            {
                Log.LogError(null, WasmBuildDiagnosticCodes.ModuleNameCollision, null, path, 0, 0, 0, 0, "{0}",
                    $"two WebAssembly modules of the project build under one name `{className}` (the other is {first}); rename one of the files");
                continue;
            }
            byName[moduleName] = path;
            classes[className] = path;
            Stencil.Wasm.Module.WasmModule module;
            try
            {
                module = WasmLoader.Load(File.ReadAllBytes(path), path);
            }
            catch (DiagnosticException e)
            {
                var d = e.Diagnostic;
                Log.LogError(null, d.Code, null, d.File ?? path, Math.Max(d.Line, 0), Math.Max(d.Column, 0), 0, 0, "{0}", d.Message);
                continue;
            }
            catch (IOException e)
            {
                Log.LogError(null, WasmBuildDiagnosticCodes.ModuleUnreadable, null, path, 0, 0, 0, 0, "{0}", $"cannot read the module: {e.Message}");
                continue;
            }
            var resourceName = $"Stencil.Wasm.{moduleName}.wasm";
            var text = WasmBindingWriter.Write(module, new WasmBindingWriter.Names(Namespace?.Trim() ?? "", className, moduleName,
                Path.GetFileName(path), resourceName, Path.GetFileName(SharedLibrary)));
            WriteIfChanged(Path.Combine(OutputDirectory, moduleName + ".wasm.g.cs"), text);
        }
        return !Log.HasLoggedErrors;
    }

    private static void WriteIfChanged(string path, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes)) return;
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}
