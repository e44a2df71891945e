using Stencil.Ir.Diagnostics;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Binary;

/// <summary>
/// Reads the <c>name</c> custom section's module name and function names (for symbols and messages). The spec makes a
/// damaged name section no error, so whatever does not decode is dropped whole and the module stays valid.
/// </summary>
internal static class NameSectionReader
{
    private const byte ModuleNameId = 0, FunctionNamesId = 1;

    public static void Read(WasmReader section, WasmModule module)
    {
        var names = new Dictionary<uint, string>();
        string? moduleName = null;
        try
        {
            while (!section.AtEnd)
            {
                byte id = section.ReadByte();
                var sub = section.Slice((int)Math.Min(section.ReadU32(), int.MaxValue));
                if (id == ModuleNameId) moduleName = sub.ReadName();
                else if (id == FunctionNamesId)
                {
                    int count = sub.ReadCount(WasmLimits.Functions, "function names", minItemSize: 2);
                    for (int i = 0; i < count; i++)
                    {
                        uint index = sub.ReadU32();
                        names[index] = sub.ReadName();
                    }
                }
            }
        }
        catch (DiagnosticException)
        {
            return;
        }
        module.ModuleName = moduleName;
        foreach (var (index, name) in names) module.FunctionNames[index] = name;
    }
}
