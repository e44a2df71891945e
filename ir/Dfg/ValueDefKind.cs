namespace Stencil.Ir;

public enum ValueDefKind : byte { Result, Param, Alias, Detached }
