namespace Stencil.Wasm.Abi;

/// <summary>
/// The name a module of a project builds under (the <see cref="WasmSymbols"/> prefix of its code and the name its generated
/// class is made from): its file name without the extension. The build and the binding generator both take it from here,
/// so the symbols the generated class asks for are the ones the object defines.
/// </summary>
public static class WasmModuleNames
{
    public static string FromPath(string path) => Path.GetFileNameWithoutExtension(path);
}
