namespace Stencil.Ir;

/// <summary>One handler of an exception table: <c>tagN: blockM(...)</c>, or the catch-all <c>default: ...</c> when <see cref="Tag"/> is null.</summary>
public sealed record ExceptionTableEntry(uint? Tag, ExceptionBlockCall Target)
{
    public override string ToString() => $"{(Tag is { } t ? "tag" + t : "default")}: {Target}";
}
