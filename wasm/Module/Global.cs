namespace Stencil.Wasm.Module;

public sealed record Global(GlobalType Type, ConstantExpression Init, int Offset);
