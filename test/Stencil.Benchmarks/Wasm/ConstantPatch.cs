using Stencil.Wasm;

namespace Stencil.Benchmarks.Wasm;

/// <summary>
/// "One changed function": a copy of a module with one <c>i32.const</c> immediate changed in place (its low bit
/// flipped, re-encoded as a signed LEB128 of the same length, so no size field moves). The function is the one of
/// median body size that has such a constant, so the edit is neither the smallest nor the largest function.
/// </summary>
internal sealed record ConstantPatch(byte[] Bytes, int FunctionIndex, int Offset, long OldValue, long NewValue)
{
    private const ushort I32Const = 0x41;

    public static ConstantPatch Apply(byte[] original, string file)
    {
        var module = WasmLoader.Load(original, file);
        var bySize = Enumerable.Range(0, module.Bodies.Count).OrderBy(b => module.Bodies[b].CodeLength).ThenBy(b => b).ToArray();
        // From the median outwards, alternating larger and smaller.
        int middle = bySize.Length / 2;
        for (int step = 0; step < bySize.Length * 2; step++)
        {
            int at = middle + (step % 2 == 0 ? step / 2 : -(step / 2 + 1));
            if (at < 0 || at >= bySize.Length) continue;
            int body = bySize[at];
            var instructions = module.Bodies[body].Instructions().ToArray();
            for (int i = 0; i + 1 < instructions.Length; i++)
            {
                if (instructions[i].Opcode != I32Const) continue;
                int immediate = instructions[i].Offset + 1, length = instructions[i + 1].Offset - immediate;
                long value = instructions[i].A, changed = (int)value ^ 1;
                var encoded = SignedLeb128(changed);
                if (encoded.Length != length) continue;
                var bytes = (byte[])original.Clone();
                encoded.CopyTo(bytes, immediate);
                return new ConstantPatch(bytes, module.ImportedFunctionCount + body, instructions[i].Offset, value, changed);
            }
        }
        throw new InvalidOperationException($"{file} has no i32.const that can be changed in place");
    }

    private static byte[] SignedLeb128(long value)
    {
        var bytes = new List<byte>();
        while (true)
        {
            byte low = (byte)(value & 0x7F);
            value >>= 7;
            bool done = (value == 0 && (low & 0x40) == 0) || (value == -1 && (low & 0x40) != 0);
            bytes.Add(done ? low : (byte)(low | 0x80));
            if (done) return [.. bytes];
        }
    }
}
