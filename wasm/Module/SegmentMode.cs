namespace Stencil.Wasm.Module;

/// <summary>How an element or data segment is used: copied at instantiation, by <c>*.init</c>, or only declared.</summary>
public enum SegmentMode : byte { Active, Passive, Declarative }
