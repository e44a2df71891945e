namespace Stencil.Ir;

public enum ArgumentExtension : byte { None, Uext, Sext }
