namespace Stencil.Isa.Backend;

/// <summary>Which register file a value lives in.</summary>
public enum RegClass : byte { Int, Float }
