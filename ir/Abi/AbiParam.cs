namespace Stencil.Ir;

/// <param name="StructSize">Byte size for <see cref="ArgumentPurpose.StructArgument"/>; 0 otherwise.</param>
public readonly record struct AbiParam(IrType Type, ArgumentExtension Extension = ArgumentExtension.None, ArgumentPurpose Purpose = ArgumentPurpose.Normal, uint StructSize = 0)
{
    public override string ToString()
    {
        var s = Type.ToString();
        if (Extension == ArgumentExtension.Uext) s += " uext";
        else if (Extension == ArgumentExtension.Sext) s += " sext";
        s += Purpose switch
        {
            ArgumentPurpose.StructArgument => $" sarg({StructSize})",
            ArgumentPurpose.StructReturn => " sret",
            ArgumentPurpose.VMContext => " vmctx",
            _ => "",
        };
        return s;
    }
}
