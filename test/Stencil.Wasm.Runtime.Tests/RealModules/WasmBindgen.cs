namespace Stencil.Wasm.Runtime.Tests.RealModules;

/// <summary>
/// How wasm-bindgen's JavaScript glue calls a Rust function <c>f(&amp;[u8]) -> Vec&lt;u8&gt;</c> (lz4-wasm, brotli-wasm):
/// 16 bytes of shadow stack for the return slots, the input copied into <c>__wbindgen_malloc</c>'d memory, the result
/// vector read from the slots and freed. A function returning <c>Result</c> uses two more slots: the error's heap
/// index and whether there is one.
/// </summary>
internal static class WasmBindgen
{
    public static byte[] CallBytesToBytes(RealModule module, string export, byte[] input, bool returnsResult, params int[] extra)
    {
        int retptr = (int)module.Call("__wbindgen_add_to_stack_pointer", -16);
        try
        {
            int ptr = (int)module.Call("__wbindgen_malloc", input.Length, 1);
            module.Write(ptr, input);
            module.Call(export, [retptr, ptr, input.Length, .. extra]);
            int r0 = module.ReadInt32(retptr), r1 = module.ReadInt32(retptr + 4);
            if (returnsResult && module.ReadInt32(retptr + 12) != 0)
                throw new InvalidOperationException($"{export} returned an error (heap object {module.ReadInt32(retptr + 8)})");
            var output = module.Read(r0, r1);
            module.Call("__wbindgen_free", r0, r1, 1);
            return output;
        }
        finally
        {
            module.Call("__wbindgen_add_to_stack_pointer", 16);
        }
    }
}
