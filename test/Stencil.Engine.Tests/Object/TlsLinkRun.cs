using Stencil.Engine.Compilation;
using Stencil.Engine.Module;
using Stencil.Engine.Object;
using Stencil.Ir.Text;
using Stencil.Isa;

namespace Stencil.Engine.Tests.Object;

/// <summary>
/// Links an object that Stencil compiled (it defines <c>addr_of_tls_ext</c> and <c>tls_ext_plus</c> through general-dynamic
/// TLS) with a C definition of the variable and a threaded C check, in the three shapes of
/// ../shared/reference/s390x-tls/README.md section 2.3, and runs each: everything in one executable (the linker relaxes
/// the access to local-exec), the variable in a shared library (initial-exec), our code in a shared library (the access
/// stays general-dynamic and really calls the runtime).
/// </summary>
internal static class TlsLinkRun
{
    public const string Clif = """
        function %addr_of_tls_ext() -> i64 {
            gv0 = symbol tls %tls_ext
        block0:
            v0 = tls_value.i64 gv0
            return v0
        }

        function %tls_ext_plus(i64) -> i64 {
            gv0 = symbol tls %tls_ext
        block0(v0: i64):
            v1 = tls_value.i64 gv0
            v2 = iadd v1, v0
            return v2
        }
        """;

    private const string Definer = """
        __thread long tls_ext = 42;
        /* The address as the C compiler computes it in the defining module: the reference. */
        long *addr_from_definer(void) { return &tls_ext; }
        """;

    // Each thread checks our address against the definer's and the initial value, writes its own number, waits for
    // every thread to have written, and checks its number is still there: no two threads share the variable.
    private const string Check = """
        #include <pthread.h>
        #include <stdio.h>
        #define THREADS 4
        long *addr_of_tls_ext(void);
        long *tls_ext_plus(long);
        long *addr_from_definer(void);
        static pthread_barrier_t written;
        static long *seen[THREADS];
        static void *check(void *arg) {
          long id = (long)arg;
          long *p = addr_of_tls_ext(), *q = addr_from_definer();
          int ok = p == q && *p == 42 && tls_ext_plus(8) == (long *)((char *)q + 8);
          *p = 100 + id;
          pthread_barrier_wait(&written);
          ok = ok && *addr_of_tls_ext() == 100 + id;
          printf("thread %ld: %s\n", id, ok ? "OK" : "FAIL");
          seen[id] = ok ? p : NULL;
          return NULL;
        }
        int main(void) {
          pthread_t t[THREADS];
          pthread_barrier_init(&written, NULL, THREADS);
          for (long i = 1; i < THREADS; i++) pthread_create(&t[i], NULL, check, (void *)i);
          check((void *)0);
          for (long i = 1; i < THREADS; i++) pthread_join(t[i], NULL);
          int ok = 1;
          for (int i = 0; i < THREADS; i++)
            for (int j = 0; j < i; j++) ok = ok && seen[i] && seen[j] && seen[i] != seen[j];
          puts(ok ? "PASS" : "FAIL");
          return !ok;
        }
        """;

    /// <summary>Compiles <see cref="Clif"/> for <paramref name="triple"/> into <c>gd.o</c> in <paramref name="dir"/>, through
    /// the compile context, the finalizer and the object module a build uses.</summary>
    public static string Compile(TempDirectory dir, string triple)
    {
        Assert.IsTrue(TargetTriple.TryParse(triple, out var target));
        Assert.IsTrue(IsaFlags.TryParse(["tls_model=elf_gd"], out var flags, out var error), error);
        var context = new Context(IsaRegistry.Lookup(target, flags));
        var module = new ObjectModule(new ObjectModuleOptions { Triple = target });
        foreach (var function in ClifReader.ParseFunctions(Clif, "tls.clif"))
            module.DefineCompiledCode(Finalizer.Finalize(context.Compile(function.Stencil), function.Params), Linkage.Export);
        var obj = dir.File("gd.o");
        File.WriteAllBytes(obj, module.Finish().Emit());
        return obj;
    }

    /// <summary>Links the three shapes with <paramref name="cc"/> and runs each (through <paramref name="runner"/> when
    /// given); asserts every one links and prints PASS. Returns the shared library that keeps the access general-dynamic.</summary>
    public static string LinkAndRun(TempDirectory dir, string cc, string gdObject, params string[] runner)
    {
        Cc(cc, "-fPIC", "-O2", "-c", dir.Write("tlsdef.c", Definer), "-o", dir.File("tlsdef.o"));
        Cc(cc, "-O2", "-c", dir.Write("main.c", Check), "-o", dir.File("main.o"));
        string rpath = "-Wl,-rpath," + dir.Path;
        Cc(cc, "-pie", dir.File("main.o"), gdObject, dir.File("tlsdef.o"), "-o", dir.File("exe-le"), "-lpthread");
        Cc(cc, "-shared", dir.File("tlsdef.o"), "-o", dir.File("libdef.so"));
        Cc(cc, "-pie", dir.File("main.o"), gdObject, "-L" + dir.Path, "-ldef", rpath, "-o", dir.File("exe-ie"), "-lpthread");
        Cc(cc, "-shared", gdObject, "-L" + dir.Path, "-ldef", rpath, "-o", dir.File("libgd.so"));
        Cc(cc, "-pie", dir.File("main.o"), "-L" + dir.Path, "-lgd", "-ldef", rpath, "-o", dir.File("exe-gd"), "-lpthread");
        foreach (var shape in new[] { "exe-le", "exe-ie", "exe-gd" })
        {
            var exe = dir.File(shape);
            var (code, output) = runner.Length == 0 ? ExternalProcess.Run(exe) : ExternalProcess.Run(runner[0], [.. runner[1..], exe]);
            Assert.AreEqual(0, code, $"{shape}:\n{output}");
            StringAssert.Contains(output, "PASS", shape);
            Assert.DoesNotContain("FAIL", output, shape);
        }
        return dir.File("libgd.so");
    }

    private static void Cc(string cc, params string[] args)
    {
        var (code, output) = ExternalProcess.Run(cc, args);
        Assert.AreEqual(0, code, $"{cc} {string.Join(' ', args)}:\n{output}");
    }
}
