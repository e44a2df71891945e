using Stencil.Ir.Names;

namespace Stencil.Ir;

/// <summary>
/// What a function needs beyond its stencil to become final code: its own name, the base source
/// location, and the table from <see cref="UserExternalNameRef"/> to real names. None of it is in the
/// cache key, so renames and moves keep cache hits.
/// </summary>
public sealed class FunctionParameters
{
    private readonly List<UserExternalName> _names = [];
    private readonly Dictionary<UserExternalName, UserExternalNameRef> _reverse = [];

    public UserFuncName Name { get; set; } = UserFuncName.Default;
    public SourceLoc BaseSrcLoc { get; set; } = SourceLoc.Default;

    public IReadOnlyList<UserExternalName> UserNamedFuncs => _names;

    /// <summary>The reference for a name, creating it on first use; equal names share one reference.</summary>
    public UserExternalNameRef EnsureUserFuncName(UserExternalName name)
    {
        if (_reverse.TryGetValue(name, out var r)) return r;
        r = new UserExternalNameRef((uint)_names.Count);
        _names.Add(name);
        _reverse.Add(name, r);
        return r;
    }

    /// <summary>Replaces the name behind an existing reference (used to retarget a call without touching the stencil).</summary>
    public void ResetUserFuncName(UserExternalNameRef r, UserExternalName name)
    {
        _reverse.Remove(_names[(int)r.Index]);
        _names[(int)r.Index] = name;
        _reverse[name] = r;
    }

    public UserExternalName GetUserName(UserExternalNameRef r) => _names[(int)r.Index];

    /// <summary>A copy under another name: what a function with the same text but another name finalizes with.</summary>
    public FunctionParameters WithName(UserFuncName name)
    {
        var copy = new FunctionParameters { Name = name, BaseSrcLoc = BaseSrcLoc };
        foreach (var n in _names) copy.EnsureUserFuncName(n);
        return copy;
    }
}
