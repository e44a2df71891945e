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
    // Makes the IR of a remembered or deferred function; null for a function parsed up front.
    private readonly Func<Function>? _produce;
    private readonly object _gate = new();
    private readonly string? _name;
    private Function? _function;
    private FunctionParameters? _params;

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
        _produce = load;
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>
    /// A function whose IR is made on first use (and again after <see cref="ReleaseFunction"/>), e.g. a wasm function
    /// translated only when the compiler gets to it, so a module's IR need not be held all at once.
    /// </summary>
    /// <param name="name">The symbol <paramref name="produce"/> gives the function, known before it runs.</param>
    public ModuleFunction(string name, Func<Function> produce, string? file = null, int line = 0, int column = 0)
    {
        _name = name ?? throw new ArgumentNullException(nameof(name));
        _produce = produce ?? throw new ArgumentNullException(nameof(produce));
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
    public FunctionParameters Params =>
        _produce is null ? _params! : Volatile.Read(ref _function)?.Params ?? Volatile.Read(ref _params) ?? Function.Params;

    /// <summary>The IR; for a remembered or deferred function, made on first use.</summary>
    public Function Function
    {
        get
        {
            if (Volatile.Read(ref _function) is { } function) return function;
            lock (_gate)
            {
                if (_function is null)
                {
                    var made = _produce!();
                    _params = made.Params;
                    WasRead = true;
                    Volatile.Write(ref _function, made);
                }
                return _function;
            }
        }
    }

    /// <summary>The IR if it is at hand (parsed, or made and not released since); null otherwise. Makes nothing.</summary>
    public Function? PeekFunction => Volatile.Read(ref _function);

    /// <summary>Whether a remembered or deferred function's IR has been made at least once.</summary>
    public bool WasRead { get; private set; }

    /// <summary>
    /// Lets go of the IR of a remembered or deferred function (what it finalizes with is kept); the next use makes it
    /// again. The compiler calls this once it is done with a function; for a parsed function it does nothing.
    /// </summary>
    public void ReleaseFunction()
    {
        if (_produce is null) return;
        lock (_gate) _function = null;
    }

    public string? File { get; }
    public int Line { get; }
    public int Column { get; }

    public string DisplayName => _name ?? Params.Name.SymbolName;
}
