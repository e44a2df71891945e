namespace Stencil.Ir;

public enum ArgumentPurpose : byte { Normal, StructArgument, StructReturn, VMContext }
