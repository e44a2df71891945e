namespace Stencil.Ir.Frontend;

/// <summary>A front-end variable: a mutable local that <see cref="FunctionBuilder"/> turns into SSA values.</summary>
public readonly record struct Variable(uint Index)
{
    public override string ToString() => "var" + Index;
}
