using System.Buffers;
using Stencil.Ir.Keys;
using Stencil.Ir.Names;

namespace Stencil.Ir;

/// <summary>
/// Binary form of <see cref="FunctionParameters"/>, so that a build can remember what a source function finalizes
/// with (its name, base source location and external-name table) without parsing it again. Not versioned on its own:
/// it is always embedded in a format that is. Decoding validates everything and never throws.
/// </summary>
public static class FunctionParametersCodec
{
    private const byte TestcaseName = 0;
    private const byte UserName = 1;
    private const byte SymbolName = 0;
    private const byte IndexName = 1;

    public static void Encode(FunctionParameters parameters, IBufferWriter<byte> output)
    {
        var w = new CanonicalWriter(output);
        if (parameters.Name.User is { } user)
        {
            w.WriteByte(UserName);
            WriteUserName(w, user);
        }
        else
        {
            w.WriteByte(TestcaseName);
            w.WriteString(parameters.Name.Testcase ?? "");
        }
        w.WriteVarUInt(parameters.BaseSrcLoc.Bits);
        w.WriteVarUInt((ulong)parameters.UserNamedFuncs.Count);
        foreach (var name in parameters.UserNamedFuncs) WriteUserName(w, name);
    }

    /// <summary>Decodes one encoding from the start of <paramref name="reader"/>'s remaining bytes.</summary>
    public static bool TryDecode(ref CanonicalReader reader, out FunctionParameters parameters)
    {
        parameters = new FunctionParameters();
        if (!reader.TryReadByte(out var kind)) return false;
        switch (kind)
        {
            case UserName:
                if (!TryReadUserName(ref reader, out var user)) return false;
                parameters.Name = UserFuncName.FromUser(user);
                break;
            case TestcaseName:
                if (!reader.TryReadString(out var testcase)) return false;
                parameters.Name = UserFuncName.FromTestcase(testcase);
                break;
            default:
                return false;
        }
        if (!reader.TryReadUInt32(out var baseLoc) || !reader.TryReadCount(out int count)) return false;
        parameters.BaseSrcLoc = new SourceLoc(baseLoc);
        for (int i = 0; i < count; i++)
        {
            if (!TryReadUserName(ref reader, out var name)) return false;
            // A table with a repeated name cannot come from a real function (references are unique per name).
            if (parameters.EnsureUserFuncName(name).Index != (uint)i) return false;
        }
        return true;
    }

    private static void WriteUserName(CanonicalWriter w, UserExternalName name)
    {
        if (name.Symbol is { } symbol)
        {
            w.WriteByte(SymbolName);
            w.WriteString(symbol);
        }
        else
        {
            w.WriteByte(IndexName);
            w.WriteVarUInt(name.Namespace);
            w.WriteVarUInt(name.Index);
        }
    }

    private static bool TryReadUserName(ref CanonicalReader reader, out UserExternalName name)
    {
        name = default;
        if (!reader.TryReadByte(out var kind)) return false;
        if (kind == SymbolName)
        {
            if (!reader.TryReadString(out var symbol)) return false;
            name = UserExternalName.FromSymbol(symbol);
            return true;
        }
        if (kind != IndexName || !reader.TryReadUInt32(out var ns) || !reader.TryReadUInt32(out var index)) return false;
        name = UserExternalName.FromIndex(ns, index);
        return true;
    }
}
