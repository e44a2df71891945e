namespace Stencil.Engine.Module;

/// <summary>How linkages combine when a name is declared more than once.</summary>
public static class LinkageRules
{
    /// <summary>
    /// The linkage after declaring a name with <paramref name="existing"/> and then <paramref name="requested"/>:
    /// the stronger claim wins, so an import becomes whatever definition shows up later. Local never
    /// merges with a visible linkage: one side promises the symbol stays private, the other publishes it.
    /// </summary>
    public static bool TryMerge(Linkage existing, Linkage requested, out Linkage merged)
    {
        if (existing == Linkage.Import) { merged = requested; return true; }
        if (requested == Linkage.Import || requested == existing) { merged = existing; return true; }
        if (existing == Linkage.Local || requested == Linkage.Local) { merged = existing; return false; }
        merged = existing > requested ? existing : requested;
        return true;
    }

    /// <summary>Whether a symbol of this linkage must have a definition in this module.</summary>
    public static bool RequiresDefinition(this Linkage linkage) => linkage == Linkage.Local;

    /// <summary>Whether other objects can see the symbol at all.</summary>
    public static bool IsVisibleOutside(this Linkage linkage) => linkage != Linkage.Local;

    /// <summary>Whether a shared library may bind references to another definition (default ELF visibility).</summary>
    public static bool IsPreemptible(this Linkage linkage) => linkage is Linkage.Import or Linkage.Preemptible or Linkage.Export;
}
