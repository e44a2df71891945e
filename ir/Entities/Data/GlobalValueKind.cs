namespace Stencil.Ir;

public enum GlobalValueKind : byte { VMContext, Load, IAddImm, Symbol, DynScaleTargetConst }
