using Stencil.Wasm.Binary;
using Stencil.Wasm.Module;
using Stencil.Wasm.Validation;

namespace Stencil.Wasm;

/// <summary>The front end's entry point: decode a module and validate it, or throw a DiagnosticException (STN5xxx).</summary>
public static class WasmLoader
{
    public static WasmModule Load(byte[] bytes, string file)
    {
        var module = ModuleDecoder.Decode(bytes, file);
        ModuleValidator.Validate(module);
        return module;
    }
}
