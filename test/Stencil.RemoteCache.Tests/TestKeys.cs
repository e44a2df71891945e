using System.Security.Cryptography;
using System.Text;
using Stencil.Ir.Keys;

namespace Stencil.RemoteCache.Tests;

internal static class TestKeys
{
    public static CacheKey Of(string text) => new(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static byte[] Payload(string text) => Encoding.UTF8.GetBytes("payload of " + text);
}
