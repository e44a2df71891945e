using Stencil.Ir;
using Stencil.Ir.Keys;

namespace Stencil.Engine.Compilation;

/// <summary>
/// One function to compile, with where it came from for diagnostics and cache metadata. Either parsed (its IR is at
/// hand, its key computed now or by the compiler) or remembered from an earlier build of the same text
/// (<see cref="KnownKey"/> and <see cref="Params"/> only): then its IR is read again only when the cache cannot supply
/// its code, and its key is checked against it then.
/// </summary>
public sealed class ModuleFunction
{
    private readonly Lazy<Function>? _load;
    private readonly Function? _function;
    private readonly FunctionParameters _params;

    public ModuleFunction(Function function, string? file = null, int line = 0, int column = 0)
        : this(function, function?.Params!, null, file, line, column) { }

    /// <summary>
    /// A parsed function whose key was computed from its stencil. <paramref name="parameters"/> may differ from the
    /// function's own: a function whose text equals another's but for its name shares that one's IR.
    /// </summary>
    public ModuleFunction(Function function, FunctionParameters parameters, CacheKey? key, string? file = null, int line = 0, int column = 0)
    {
        _function = function ?? throw new ArgumentNullException(nameof(function));
        _params = parameters ?? throw new ArgumentNullException(nameof(parameters));
        KnownKey = key;
        File = file;
        Line = line;
        Column = column;
    }

    /// <param name="load">Reads the function's IR from its source; must give a function with the same stencil and parameters.</param>
    public ModuleFunction(CacheKey key, FunctionParameters parameters, Func<Function> load, string? file = null, int line = 0, int column = 0)
    {
        ArgumentNullException.ThrowIfNull(load);
        KnownKey = key;
        KeyIsRemembered = true;
        _params = parameters ?? throw new ArgumentNullException(nameof(parameters));
        _load = new Lazy<Function>(load, LazyThreadSafetyMode.ExecutionAndPublication);
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>The key of this function's stencil when already known; null when the compiler must compute it.</summary>
    public CacheKey? KnownKey { get; }

    /// <summary>The key comes from a build manifest, not from this function's IR: trusted for lookups, checked before storing.</summary>
    public bool KeyIsRemembered { get; }

    /// <summary>The digest of the function's text without its name, when the build hashed it (see <c>SourceLoader</c>).</summary>
    public CacheKey ChunkDigest { get; init; }

    /// <summary>What the function finalizes with; once a remembered function's IR has been read, the IR's own.</summary>
    public FunctionParameters Params => _load is { IsValueCreated: true } loaded ? loaded.Value.Params : _params;

    /// <summary>The IR; for a remembered function, read from its source on first use.</summary>
    public Function Function => _function ?? _load!.Value;

    public string? File { get; }
    public int Line { get; }
    public int Column { get; }

    public string DisplayName => Params.Name.SymbolName;
}
