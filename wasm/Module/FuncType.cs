namespace Stencil.Wasm.Module;

/// <summary>A function type: parameters to results.</summary>
public sealed record FuncType(ValType[] Params, ValType[] Results)
{
    public static readonly FuncType Empty = new([], []);

    public bool Equals(FuncType? other) => other is not null && Params.AsSpan().SequenceEqual(other.Params) && Results.AsSpan().SequenceEqual(other.Results);

    public override int GetHashCode() => HashCode.Combine(Params.Length, Results.Length);

    public override string ToString() => $"[{string.Join(' ', Params.Select(p => p.Name()))}] -> [{string.Join(' ', Results.Select(r => r.Name()))}]";
}
