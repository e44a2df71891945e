using System.Text;
using Stencil.Isa;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Runtime.Tests.RealModules;

/// <summary>
/// sql.js 1.16.0's SQLite (the debug build, <c>dist/sql-wasm-debug.wasm</c>, for its real import and export names):
/// an in-memory database queried from C#, with the Emscripten and WASI imports it needs written here and every
/// file-system call answering ENOSYS.
/// </summary>
[TestClass]
public sealed class SqlJsTests
{
    private const int Enosys = 52, Ebadf = 8, SqliteRow = 100, SqliteDone = 101, StackCheckBase = 6, StackCheckEnd = 7;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void AnInMemoryQueryRuns()
    {
        var package = NpmPackages.Fetch("sql.js", "1.16.0");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // opt_level=none: 2,255 functions compile faster without the mid-end, and the query is no benchmark.
        using var sqlite = new RealModule(Path.Combine(package, "dist", "sql-wasm-debug.wasm"), m => Imports(m), OptLevel.None);
        TestContext.WriteLine($"sql-wasm-debug.wasm: {sqlite.Module.FunctionCount} functions compiled and instantiated in {clock.ElapsedMilliseconds} ms");
        // The glue's stackCheckInit: emscripten_stack_init, then ___set_stack_limits(base, end), whose export this
        // build lacks; it would set the globals binaryen's stack check compares with (6: base, 7: end).
        sqlite.Call("emscripten_stack_init");
        sqlite.Instance.Globals[StackCheckBase].Value = WasmValue.I32((int)sqlite.Call("emscripten_stack_get_base"));
        sqlite.Instance.Globals[StackCheckEnd].Value = WasmValue.I32((int)sqlite.Call("emscripten_stack_get_end"));
        sqlite.Call("__wasm_call_ctors");

        int db = Open(sqlite);
        Assert.AreEqual(0L, sqlite.Call("sqlite3_exec", db, String(sqlite, """
            CREATE TABLE t(a INTEGER, b TEXT);
            INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three');
            """), 0, 0, 0), Error(sqlite, db));

        int statementSlot = (int)sqlite.Call("malloc", 4);
        Assert.AreEqual(0L, sqlite.Call("sqlite3_prepare_v2", db,
            String(sqlite, "SELECT sum(a), group_concat(b, '+'), printf('%.3f', 22.0 / 7) FROM t WHERE a >= 2"), -1, statementSlot, 0), Error(sqlite, db));
        int statement = sqlite.ReadInt32(statementSlot);
        Assert.AreEqual(SqliteRow, sqlite.Call("sqlite3_step", statement));
        Assert.AreEqual("5", Text(sqlite, statement, 0));
        Assert.AreEqual("two+three", Text(sqlite, statement, 1));
        Assert.AreEqual("3.143", Text(sqlite, statement, 2));
        Assert.AreEqual(SqliteDone, sqlite.Call("sqlite3_step", statement));
        Assert.AreEqual(0L, sqlite.Call("sqlite3_finalize", statement));
        Assert.AreEqual(0L, sqlite.Call("sqlite3_close_v2", db));
    }

    private static int Open(RealModule sqlite)
    {
        int slot = (int)sqlite.Call("malloc", 4);
        Assert.AreEqual(0L, sqlite.Call("sqlite3_open", String(sqlite, ":memory:"), slot));
        return sqlite.ReadInt32(slot);
    }

    private static string Text(RealModule sqlite, int statement, int column) => CString(sqlite, (int)sqlite.Call("sqlite3_column_text", statement, column));

    private static string Error(RealModule sqlite, int db) => CString(sqlite, (int)sqlite.Call("sqlite3_errmsg", db));

    private static int String(RealModule sqlite, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text + "\0");
        int address = (int)sqlite.Call("malloc", bytes.Length);
        sqlite.Write(address, bytes);
        return address;
    }

    private static string CString(RealModule sqlite, int address)
    {
        var memory = sqlite.Memory.Span[address..];
        return Encoding.UTF8.GetString(memory[..memory.IndexOf((byte)0)]);
    }

    /// <summary>The ~10 imports that do something, the rest failing as the browser's file system would without files.</summary>
    private static Imports Imports(RealModule m)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        HostFunctionCallback returns(int value) => (_, results) => results[0] = WasmValue.I32(value);
        var bodies = new Dictionary<string, HostFunctionCallback>
        {
            ["warnLegacyFunction"] = (_, _) => { },
            ["emscripten_date_now"] = (_, r) => r[0] = WasmValue.F64(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
            ["emscripten_get_now"] = (_, r) => r[0] = WasmValue.F64(started.Elapsed.TotalMilliseconds),
            ["emscripten_get_heap_max"] = returns(int.MinValue),
            ["emscripten_resize_heap"] = (a, r) =>
            {
                long pages = ((uint)a[0].AsInt32() - m.Memory.Length + 65535) / 65536;
                r[0] = WasmValue.I32(pages <= 0 || m.Memory.Grow((uint)pages) >= 0 ? 1 : 0);
            },
            ["_tzset_js"] = (a, _) =>
            {
                m.Write(a[0].AsInt32(), new byte[4]);
                m.Write(a[1].AsInt32(), new byte[4]);
                m.Write(a[2].AsInt32(), "UTC\0"u8);
                m.Write(a[3].AsInt32(), "UTC\0"u8);
            },
            ["environ_sizes_get"] = (a, r) =>
            {
                m.Write(a[0].AsInt32(), new byte[4]);
                m.Write(a[1].AsInt32(), new byte[4]);
                r[0] = WasmValue.I32(0);
            },
            ["environ_get"] = returns(0),
            ["fd_write"] = (a, r) =>
            {
                int total = 0;
                for (int i = 0; i < a[2].AsInt32(); i++) total += m.ReadInt32(a[1].AsInt32() + 8 * i + 4);
                m.Write(a[3].AsInt32(), BitConverter.GetBytes(total));
                r[0] = WasmValue.I32(0);
            },
            ["clock_time_get"] = (a, r) =>
            {
                m.Write(a[2].AsInt32(), BitConverter.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000));
                r[0] = WasmValue.I32(0);
            },
        };
        foreach (var import in m.Module.Imports)
        {
            if (bodies.ContainsKey(import.Name) || import.Kind != ExternalKind.Function) continue;
            var results = m.Module.Types[(int)import.FunctionTypeIndex].Results;
            if (import.Name.StartsWith("__syscall_", StringComparison.Ordinal) || import.Name is "_mmap_js" or "_munmap_js")
                bodies[import.Name] = returns(-Enosys);
            else if (import.Name.StartsWith("fd_", StringComparison.Ordinal))
                bodies[import.Name] = returns(Ebadf);
        }
        return RealModule.ImportsOf(m.Module, m.Store, bodies);
    }
}
