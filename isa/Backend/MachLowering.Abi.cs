using Stencil.Ir.Entities;

namespace Stencil.Isa.Backend;

/// <summary>
/// Values crossing a call boundary by an <see cref="AbiLayout"/>, the same on every backend: the parts a layout puts
/// in memory are stored first (computing them may need registers that the register parts then pin), then the
/// register parts are moved, and received values come from their register or are loaded by the backend's rule.
/// </summary>
public abstract partial class MachLowering<TInst>
{
    /// <summary>Moves the entry block's parameters from where <paramref name="abi"/> places them; returns the virtual
    /// register holding the return-area pointer when there is one.</summary>
    protected Reg? LowerParams(Block entry, AbiLayout abi)
    {
        var ps = Dfg.BlockParams(entry);
        var sig = Function.Signature;
        if (ps.Count != sig.Params.Count)
            throw IsaDiagnostics.Malformed($"the entry block has {ps.Count} parameters but the signature {sig.Params.Count}");
        Reg? returnAreaPointer = null;
        if (abi.HasReturnArea)
        {
            returnAreaPointer = Temp();
            Emit(Move(returnAreaPointer.Value, abi.ReturnAreaPointer));
        }
        for (int i = 0; i < ps.Count; i++)
        {
            if (TypeOf(ps[i]) != sig.Params[i].Type) throw IsaDiagnostics.Malformed($"entry parameter {ps[i]} does not match the signature");
            ReceiveParts(Parts(ps[i]), abi.Params[i], (part, loc) => LoadIncomingArg(part, loc.StackOffset));
        }
        return returnAreaPointer;
    }

    /// <summary>Passing values, first half: each value's parts in order (<paramref name="partsOf"/> may emit, e.g. an
    /// extension), those in memory stored at once by <paramref name="store"/> (part, value index, location).</summary>
    protected Reg[][] StoreMemoryParts(AbiLocation[][] locs, Func<int, Reg[]> partsOf, Func<Reg, int, AbiLocation, TInst> store)
    {
        var all = new Reg[locs.Length][];
        for (int i = 0; i < locs.Length; i++)
        {
            all[i] = partsOf(i);
            for (int k = 0; k < all[i].Length; k++)
                if (locs[i][k].OnStack) Emit(store(all[i][k], i, locs[i][k]));
        }
        return all;
    }

    /// <summary>Passing values, second half: the register parts moved into their registers, each added to
    /// <paramref name="pinned"/> (what the call or return instruction reads).</summary>
    protected void MoveRegisterParts(AbiLocation[][] locs, Reg[][] parts, List<Reg> pinned)
    {
        for (int i = 0; i < locs.Length; i++)
            for (int k = 0; k < parts[i].Length; k++)
            {
                if (locs[i][k].OnStack) continue;
                Emit(Move(locs[i][k].Reg, parts[i][k]));
                pinned.Add(locs[i][k].Reg);
            }
    }

    /// <summary>Receives one value: each part from its register, or by <paramref name="load"/> from memory.</summary>
    protected void ReceiveParts(Reg[] parts, AbiLocation[] locs, Func<Reg, AbiLocation, TInst> load)
    {
        for (int k = 0; k < parts.Length; k++)
            Emit(locs[k].OnStack ? load(parts[k], locs[k]) : Move(parts[k], locs[k].Reg));
    }
}
