namespace Stencil.RemoteCache.Tests;

[TestClass]
public sealed class RemoteCacheAddressTests
{
    [TestMethod]
    public void PlainUrlGetsDefaults()
    {
        Assert.IsTrue(RemoteCacheAddress.TryParse("redis://cache.example:6400", out var address, out var error), error);
        Assert.AreEqual("redis://cache.example:6400/0", address!.Display);
        Assert.AreEqual(RemoteCacheAddress.DefaultPrefix, address.Prefix);
        Assert.AreEqual(RemoteCacheAddress.DefaultConnectTimeout, address.ConnectTimeout);
        Assert.AreEqual(RemoteCacheAddress.DefaultOperationTimeout, address.OperationTimeout);
        Assert.AreEqual(RemoteCacheAddress.DefaultMaxValueBytes, address.MaxValueBytes);
        var options = address.CreateOptions();
        Assert.IsFalse(options.Ssl);
        Assert.IsTrue(options.AbortOnConnectFail);
    }

    [TestMethod]
    public void TlsUrlWithPasswordDatabaseAndOptions()
    {
        Assert.IsTrue(RemoteCacheAddress.TryParse("rediss://ci:s3cr%40t@cache.example/3?connectTimeout=250&timeout=700&prefix=team-a:&maxValueSize=1000&publishTimeout=900",
            out var address, out var error), error);
        var options = address!.CreateOptions();
        Assert.IsTrue(options.Ssl);
        Assert.AreEqual("ci", options.User);
        Assert.AreEqual("s3cr@t", options.Password);
        Assert.AreEqual(3, options.DefaultDatabase);
        Assert.AreEqual(250, options.ConnectTimeout);
        Assert.AreEqual(700, options.SyncTimeout);
        Assert.AreEqual("team-a:", address.Prefix);
        Assert.AreEqual(1000, address.MaxValueBytes);
        Assert.AreEqual(TimeSpan.FromMilliseconds(900), address.PublishTimeout);
        Assert.AreEqual("rediss://cache.example:6379/3", address.Display);
        Assert.IsFalse(address.ToString().Contains("s3cr", StringComparison.Ordinal));
    }

    [TestMethod]
    public void PasswordWithoutUser()
    {
        Assert.IsTrue(RemoteCacheAddress.TryParse("redis://:hunter2@127.0.0.1:7000", out var address, out _));
        Assert.AreEqual("hunter2", address!.CreateOptions().Password);
        Assert.AreEqual("redis://127.0.0.1:7000/0", address.Display);
    }

    [TestMethod]
    public void ConfigurationStringKeepsItsTimeoutsAndGetsSmallDefaults()
    {
        Assert.IsTrue(RemoteCacheAddress.TryParse("10.1.2.3:6380,password=topsecret,ssl=true,connectTimeout=400", out var address, out var error), error);
        var options = address!.CreateOptions();
        Assert.AreEqual(400, options.ConnectTimeout);
        Assert.AreEqual((int)RemoteCacheAddress.DefaultOperationTimeout.TotalMilliseconds, options.SyncTimeout);
        Assert.IsTrue(options.AbortOnConnectFail);
        Assert.AreEqual("rediss://10.1.2.3:6380/0", address.Display);
        Assert.AreEqual("it failed: *** was wrong", address.Redact("it failed: topsecret was wrong\nsecond line"));
    }

    [TestMethod]
    [DataRow("http://cache.example")]
    [DataRow("redis://host/notanumber")]
    [DataRow("redis://host?timeout=-5")]
    [DataRow("redis://host?colour=blue")]
    [DataRow("   ")]
    public void BadAddressesAreRefusedWithAReason(string text)
    {
        Assert.IsFalse(RemoteCacheAddress.TryParse(text, out var address, out var error));
        Assert.IsNull(address);
        Assert.AreNotEqual("", error);
    }

    [TestMethod]
    public void ErrorNeverEchoesThePassword()
    {
        Assert.IsFalse(RemoteCacheAddress.TryParse("redis://:pw-should-not-leak@host/db?x=1", out _, out var error));
        Assert.IsFalse(error.Contains("pw-should-not-leak", StringComparison.Ordinal), error);
    }

    [TestMethod]
    [DataRow("", RemoteCacheMode.ReadWrite)]
    [DataRow("readwrite", RemoteCacheMode.ReadWrite)]
    [DataRow("ReadOnly", RemoteCacheMode.ReadOnly)]
    [DataRow(" OFF ", RemoteCacheMode.Off)]
    public void ModesParse(string text, RemoteCacheMode expected)
    {
        Assert.IsTrue(RemoteCacheModes.TryParse(text, out var mode));
        Assert.AreEqual(expected, mode);
    }

    [TestMethod]
    [DataRow("1")]
    [DataRow("ReadOnly,Off")]
    [DataRow("write")]
    public void OtherModesAreRefused(string text) => Assert.IsFalse(RemoteCacheModes.TryParse(text, out _));

    [TestMethod]
    public void OffOrNoAddressMeansNoRemote()
    {
        Assert.IsFalse(RemoteCacheSettings.TryResolve("redis://host", RemoteCacheMode.Off, out var off, out var e1));
        Assert.IsNull(off);
        Assert.IsNull(e1);
        Assert.IsFalse(RemoteCacheSettings.TryResolve("nonsense://x", RemoteCacheMode.ReadOnly, out _, out var e2));
        Assert.IsNotNull(e2);
        Assert.IsTrue(RemoteCacheSettings.TryResolve("redis://host", RemoteCacheMode.ReadOnly, out var settings, out _));
        Assert.AreEqual(RemoteCacheMode.ReadOnly, settings!.Mode);
    }
}
