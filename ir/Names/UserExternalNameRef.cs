namespace Stencil.Ir.Names;

/// <summary>An index into <c>FunctionParameters.UserNamedFuncs</c>: how a stencil refers to a name without holding it.</summary>
public readonly record struct UserExternalNameRef(uint Index)
{
    public override string ToString() => $"userextname{Index}";
}
