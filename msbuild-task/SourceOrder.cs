using Microsoft.Build.Framework;

namespace Stencil.Build;

/// <summary>
/// Turns the StencilSource items into the list the builder compiles. Glob expansion order depends on the
/// file system, and the object's layout follows source order, so paths are de-duplicated and sorted to
/// keep the object byte-identical wherever the project is built.
/// </summary>
internal static class SourceOrder
{
    public static IReadOnlyList<string> Normalize(IEnumerable<ITaskItem> items)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var fullPath = item.GetMetadata("FullPath");
            paths.Add(string.IsNullOrEmpty(fullPath) ? Path.GetFullPath(item.ItemSpec) : fullPath);
        }
        return [.. paths];
    }
}
