using System.Text;

namespace Stencil.CacheDb.Tests;

/// <summary>Ways a test damages a cache file on disk, the way a crash or a failing disk would.</summary>
internal static class FileDamage
{
    /// <summary>Offset of the first occurrence of <see cref="TestCache.Payload"/> number <paramref name="n"/>'s marker.</summary>
    public static long FindPayload(string path, int n)
    {
        var bytes = File.ReadAllBytes(path);
        var marker = Encoding.ASCII.GetBytes($"PAYLOAD-{n:D6}-");
        var at = bytes.AsSpan().IndexOf(marker);
        Assert.IsTrue(at >= 0, $"payload {n} not found in {path}");
        return at;
    }

    public static void FlipByte(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        var b = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(b ^ 0x5A));
    }

    public static void Truncate(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.SetLength(length);
    }
}
