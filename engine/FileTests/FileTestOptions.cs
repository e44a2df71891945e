using Stencil.Isa;

namespace Stencil.Engine.FileTests;

public sealed record FileTestOptions
{
    /// <summary>Run <c>test run</c> files natively on the host.</summary>
    public bool Native { get; init; } = true;

    /// <summary>Run <c>test interpret</c> files through the interpreter.</summary>
    public bool Interpret { get; init; } = true;

    /// <summary>With <see cref="Interpret"/>, interpret the run directives of every file, not only of those that say
    /// <c>test interpret</c>: the interpreter is checked against every directive of a corpus.</summary>
    public bool InterpretEveryFile { get; init; }

    /// <summary>When set, every file compiles at this <c>opt_level</c> whatever its <c>set</c> lines say, so one corpus
    /// can check the mid-end (<c>speed</c>) and the plain pipeline (<c>none</c>) alike.</summary>
    public OptLevel? ForcedOptLevel { get; init; }

    /// <summary>Output tests (<c>test optimize</c>, <c>test compile</c>) rewrite their expected output in place instead
    /// of failing; on by default when the environment variable <c>STENCIL_BLESS</c> is <c>1</c>.</summary>
    public bool Bless { get; init; } = Environment.GetEnvironmentVariable("STENCIL_BLESS") == "1";

    /// <summary>When set, <c>test run</c> compiles each file for this target into an object, links it with the target's
    /// gcc and runs it natively or under qemu-user (<see cref="ObjectFileRunner"/>) instead of in the JIT; a file runs
    /// only when one of its <c>target</c> lines names this architecture (for the host, also when it names none).</summary>
    public TargetTriple? Target { get; init; }

    /// <summary>Files run at once by <see cref="FileTestRunner.RunPaths"/> through objects (the JIT runs one at a time).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Seconds one native call may run before its child process is stopped.</summary>
    public int TimeoutSeconds { get; init; } = 10;
}
