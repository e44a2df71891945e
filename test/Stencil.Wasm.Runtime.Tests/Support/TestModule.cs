using Stencil.Wasm.Abi;

namespace Stencil.Wasm.Runtime.Tests.Support;

/// <summary>
/// The runtime tests' module: one host import, functions that return, call the import, trap and read the stack
/// limit, a memory with a data segment, a global and a table with an element segment. Its code is CLIF written to
/// the ABI, shaped as the translator's (array trampolines, a host-import trampoline through HostCall).
/// </summary>
internal static class TestModule
{
    public const string Wat = """
        (module
          (type $t0 (func (param i32) (result i32)))
          (type $t1 (func (result i32)))
          (type $t2 (func (result i64)))
          (import "host" "f" (func (type $t0)))
          (func (export "inc") (type $t0) unreachable)
          (func (export "call_host") (type $t0) unreachable)
          (func (export "trap") (type $t1) unreachable)
          (func (export "stack_limit") (type $t2) unreachable)
          (memory (export "mem") 1 3)
          (data (i32.const 16) "hi")
          (global (export "g") (mut i32) (i32.const 42))
          (table (export "t") 2 funcref)
          (elem (i32.const 0) 1 3))
        """;

    public static HandWrittenCode Create()
    {
        var probe = Stencil.Testing.Wat.Assemble(Wat);
        var offsets = new VmOffsets(WasmLoader.Load(probe, "m.wasm"));
        int importCode = offsets.ImportedFunction(0) + VmImport.Code, importVmctx = offsets.ImportedFunction(0) + VmImport.Vmctx;
        int trap = 8 * (int)WasmBuiltin.Trap, hostCall = 8 * (int)WasmBuiltin.HostCall;
        return new HandWrittenCode(Wat, "m",
            """
            function %w2n_m__f1(i64, i32) -> i32 system_v {
            block0(v0: i64, v1: i32):
                v2 = iadd_imm v1, 1
                return v2
            }
            """,
            $$"""
            function %w2n_m__f2(i64, i32) -> i32 system_v {
                sig0 = (i64, i32) -> i32 system_v
            block0(v0: i64, v1: i32):
                v2 = load.i64 v0+{{importCode}}
                v3 = load.i64 v0+{{importVmctx}}
                v4 = call_indirect sig0, v2(v3, v1)
                return v4
            }
            """,
            $$"""
            function %w2n_m__f3(i64) -> i32 system_v {
                sig0 = (i64, i32) system_v
            block0(v0: i64):
                v1 = load.i64 v0+{{VmOffsets.Builtins}}
                v2 = load.i64 v1+{{trap}}
                v3 = iconst.i32 {{(int)WasmTrapKind.Unreachable}}
                call_indirect sig0, v2(v0, v3)
                v4 = iconst.i32 0
                return v4
            }
            """,
            $$"""
            function %w2n_m__f4(i64) -> i64 system_v {
            block0(v0: i64):
                v1 = load.i64 v0+{{VmOffsets.Store}}
                v2 = load.i64 v1+{{VmStore.StackLimit}}
                return v2
            }
            """,
            """
            function %w2n_m__array0(i64, i64, i64) system_v {
                sig0 = (i64, i32) -> i32 system_v
            block0(v0: i64, v1: i64, v2: i64):
                v3 = load.i32 v2
                v4 = call_indirect sig0, v1(v0, v3)
                store v4, v2
                return
            }
            """,
            """
            function %w2n_m__array1(i64, i64, i64) system_v {
                sig0 = (i64) -> i32 system_v
            block0(v0: i64, v1: i64, v2: i64):
                v3 = call_indirect sig0, v1(v0)
                store v3, v2
                return
            }
            """,
            """
            function %w2n_m__array2(i64, i64, i64) system_v {
                sig0 = (i64) -> i64 system_v
            block0(v0: i64, v1: i64, v2: i64):
                v3 = call_indirect sig0, v1(v0)
                store v3, v2
                return
            }
            """,
            $$"""
            function %w2n_m__import0(i64, i32) -> i32 system_v {
                ss0 = explicit_slot 8
                sig0 = (i64, i32, i64) -> i32 system_v
                sig1 = (i64, i32) system_v
            block0(v0: i64, v1: i32):
                v2 = stack_addr.i64 ss0
                store v1, v2
                v3 = load.i64 v0+{{VmOffsets.Builtins}}
                v4 = load.i64 v3+{{hostCall}}
                v5 = iconst.i32 0
                v6 = call_indirect sig0, v4(v0, v5, v2)
                brif v6, block1, block2
            block1:
                v7 = load.i64 v3+{{trap}}
                call_indirect sig1, v7(v0, v6)
                return v6
            block2:
                v8 = load.i32 v2
                return v8
            }
            """);
    }
}
