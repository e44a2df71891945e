namespace WasmKernels;

/// <summary>Prints each native result beside the C# reference and counts the disagreements.</summary>
internal sealed class CheckList
{
    public int Passed { get; private set; }
    public int Failed { get; private set; }

    public void Check<T>(string call, T native, T expected) where T : IEquatable<T>
    {
        if (native.Equals(expected))
        {
            Passed++;
            Console.WriteLine($"{call} = {native}");
        }
        else
        {
            Failed++;
            Console.Error.WriteLine($"MISMATCH {call}: native {native}, expected {expected}");
        }
    }
}
