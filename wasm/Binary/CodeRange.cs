namespace Stencil.Wasm.Binary;

/// <summary>
/// A stretch of the module's bytes that the decoder has checked and the model reads again on demand (code, initializers,
/// element items), so the decoded module holds no per-instruction or per-item objects: its size is bounded by the
/// file's, whatever the file declares.
/// </summary>
public readonly record struct CodeRange(byte[] Data, string File, int Start, int End)
{
    public int Length => End - Start;

    public WasmReader Reader() => new(Data, File, Start, End);
}
