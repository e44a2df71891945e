using Stencil.Ir.Names;

namespace Stencil.Ir.Generation;

/// <summary>
/// Seeded generator of valid (verifier-clean), terminating scalar integer functions with realistic shapes:
/// counted loops carrying block parameters, if/else diamonds, <c>br_table</c> switches, selects, i8–i64
/// arithmetic, shifts, compares and extends, stack slots read and written in bounds, guarded division and
/// calls along an acyclic call graph. The same seed and options always give the same functions.
/// </summary>
public sealed class RandomFunctionGenerator
{
    /// <summary>Every opcode the generator can emit.</summary>
    public static IReadOnlySet<Opcode> KnownOpcodes { get; } = new HashSet<Opcode>
    {
        Opcode.Iconst, Opcode.Iadd, Opcode.Isub, Opcode.Imul, Opcode.Band, Opcode.Bor, Opcode.Bxor,
        Opcode.Smin, Opcode.Smax, Opcode.Umin, Opcode.Umax, Opcode.Bnot, Opcode.Ineg,
        Opcode.IaddImm, Opcode.ImulImm, Opcode.BandImm, Opcode.BorImm, Opcode.BxorImm,
        Opcode.Ishl, Opcode.Ushr, Opcode.Sshr, Opcode.Rotl, Opcode.Rotr, Opcode.IshlImm, Opcode.UshrImm, Opcode.SshrImm,
        Opcode.Icmp, Opcode.IcmpImm, Opcode.Select, Opcode.Uextend, Opcode.Sextend, Opcode.Ireduce,
        Opcode.Udiv, Opcode.Urem, Opcode.Sdiv, Opcode.Srem,
        Opcode.Jump, Opcode.Brif, Opcode.BrTable, Opcode.Return, Opcode.Call,
        Opcode.StackLoad, Opcode.StackStore, Opcode.StackAddr, Opcode.Load, Opcode.Store,
    };

    private readonly Random _rng;
    private readonly GeneratorOptions _options;

    public RandomFunctionGenerator(int seed, GeneratorOptions? options = null)
    {
        _rng = new Random(seed);
        _options = options ?? GeneratorOptions.Default;
        if (_options.Types.Count == 0 || _options.Types.Any(t => !t.IsInt || t.Bits > 64))
            throw new ArgumentException("generator types must be scalar integers of at most 64 bits", nameof(options));
        if (!_options.AllowsAll(Opcode.Iconst, Opcode.Return, Opcode.Bxor, Opcode.Uextend, Opcode.Ireduce))
            throw new ArgumentException("the generator needs at least iconst, return, bxor, uextend and ireduce", nameof(options));
    }

    /// <summary>
    /// A module of <paramref name="functions"/> functions of about <paramref name="targetInstructionsPerFunction"/>
    /// instructions each, named <c>%{prefix}0000</c>…; function i calls only functions of the next call layer
    /// with a higher index, so every call chain ends.
    /// </summary>
    public IReadOnlyList<Function> GenerateModule(int functions, int targetInstructionsPerFunction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(functions);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetInstructionsPerFunction, 1);
        var signatures = new GeneratedSignature[functions];
        int layers = Math.Max(1, _options.MaxCallDepth + 1);
        for (int i = 0; i < functions; i++)
            signatures[i] = new GeneratedSignature($"{_options.NamePrefix}{i:D4}", RandomSignature(), i % layers);

        var result = new Function[functions];
        for (int i = 0; i < functions; i++)
        {
            var callees = new List<GeneratedSignature>();
            if (_options.Allows(Opcode.Call))
                for (int j = i + 1; j < functions && callees.Count < 8; j++)
                    if (signatures[j].Layer == signatures[i].Layer + 1) callees.Add(signatures[j]);
            result[i] = Build(signatures[i], callees, targetInstructionsPerFunction);
        }
        return result;
    }

    /// <summary>One function without callees.</summary>
    public Function GenerateFunction(string symbol, int targetInstructions) =>
        Build(new GeneratedSignature(symbol, RandomSignature(), 0), [], targetInstructions);

    private Function Build(GeneratedSignature sig, IReadOnlyList<GeneratedSignature> callees, int target)
    {
        var func = new Function(UserFuncName.FromUser(UserExternalName.FromSymbol(sig.Symbol)), sig.Signature.Clone());
        new FunctionBodyBuilder(func, _rng, _options, callees).Build(target);
        return func;
    }

    private Signature RandomSignature()
    {
        var sig = new Signature();
        int n = _rng.Next(_options.MaxParams + 1);
        for (int i = 0; i < n; i++) sig.Params.Add(new AbiParam(RandomType()));
        sig.Returns.Add(new AbiParam(RandomType()));
        return sig;
    }

    private IrType RandomType() => _options.Types[_rng.Next(_options.Types.Count)];
}
