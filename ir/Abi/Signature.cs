namespace Stencil.Ir;

public sealed class Signature
{
    public Signature(CallConv callConv = CallConv.SystemV) => CallConv = callConv;

    public List<AbiParam> Params { get; } = [];
    public List<AbiParam> Returns { get; } = [];
    public CallConv CallConv { get; set; }

    public Signature Clone()
    {
        var s = new Signature(CallConv);
        s.Params.AddRange(Params);
        s.Returns.AddRange(Returns);
        return s;
    }

    public bool SameAs(Signature other) =>
        CallConv == other.CallConv && Params.SequenceEqual(other.Params) && Returns.SequenceEqual(other.Returns);

    /// <summary>Text form <c>(i32, i64) -&gt; i64 system_v</c>.</summary>
    public override string ToString()
    {
        var s = "(" + string.Join(", ", Params) + ")";
        if (Returns.Count > 0) s += " -> " + string.Join(", ", Returns);
        return s + " " + CallConv.ToText();
    }
}
