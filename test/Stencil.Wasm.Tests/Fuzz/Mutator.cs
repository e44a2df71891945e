namespace Stencil.Wasm.Tests.Fuzz;

/// <summary>
/// Derives a damaged module from a real one, the way a broken download, a bad tool or an attacker would: bit flips,
/// byte insertion and deletion, truncation, and lengthened LEB128s (the same value in more bytes, which shifts every
/// later offset and tests the length checks).
/// </summary>
internal static class Mutator
{
    public static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        int edits = 1 + random.Next(3);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            // Most edits land after the 8-byte header, where the decoder's logic is.
            int at = bytes.Count > 8 && random.Next(8) != 0 ? 8 + random.Next(bytes.Count - 8) : random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes.Insert(at, (byte)random.Next(256)); break;
                case 2: bytes.RemoveAt(at); break;
                case 3: bytes.RemoveRange(at, bytes.Count - at); break;
                case 4:
                    // Lengthen a LEB128's last byte: 0xXX -> 0x80|XX, 0x00.
                    if (bytes[at] < 0x80)
                    {
                        bytes[at] |= 0x80;
                        bytes.Insert(at + 1, 0x00);
                    }
                    break;
                default: bytes[at] = (byte)random.Next(256); break;
            }
        }
        return bytes.ToArray();
    }
}
