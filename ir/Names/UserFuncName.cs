namespace Stencil.Ir.Names;

/// <summary>The name of a function itself: a user name (<c>u0:1</c> or <c>%sym</c>) or a test-case name.</summary>
public readonly record struct UserFuncName
{
    public UserExternalName? User { get; }
    public string? Testcase { get; }

    private UserFuncName(UserExternalName? user, string? testcase) { User = user; Testcase = testcase; }

    public static UserFuncName FromUser(UserExternalName name) => new(name, null);
    public static UserFuncName FromTestcase(string name) => new(null, name);
    public static UserFuncName Default => new(null, "");

    /// <summary>The symbol the function gets in an object file.</summary>
    public string SymbolName => User is { } u ? u.ObjectSymbolName : Testcase ?? "";

    public override string ToString() => User is { } u ? u.ToString() : "%" + Testcase;
}
