using MlConnector.Security;

namespace MlConnector.Tests.Security;

public sealed class MasterKeyLoaderTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    private string DataFolder => _root.Combine("data");

    [Fact]
    public void Load_FromEnvironmentVariable_UsesIt()
    {
        var base64 = MasterKey.GenerateBase64();

        var key = MasterKeyLoader.Load(new SecurityOptions(), DataFolder, name => name == "MLC_MASTER_KEY" ? base64 : null);

        Assert.Equal(Convert.FromBase64String(base64), key.Bytes.ToArray());
    }

    [Fact]
    public void Load_FromKeyFileOutsideTheDataFolder_UsesIt()
    {
        var keyFile = _root.Combine("keys", "master.key");
        MasterKeyLoader.EnsureKeyFile(keyFile);

        var key = MasterKeyLoader.Load(new SecurityOptions { KeyFile = keyFile }, DataFolder, _ => null);

        Assert.Equal(MasterKey.Length, key.Bytes.Length);
    }

    [Fact]
    public void Load_NoKeyAnywhere_SaysHowToProvideOne()
    {
        var error = Assert.Throws<MasterKeyException>(() => MasterKeyLoader.Load(new SecurityOptions(), DataFolder, _ => null));

        Assert.Contains("MLC_MASTER_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("Security:KeyFile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KeyFileInsideTheDataFolder_IsRefused()
    {
        var keyFile = Path.Combine(DataFolder, "master.key");
        MasterKeyLoader.EnsureKeyFile(keyFile);

        var error = Assert.Throws<MasterKeyException>(() =>
            MasterKeyLoader.Load(new SecurityOptions { KeyFile = keyFile }, DataFolder, _ => null));

        Assert.Contains("inside the data folder", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("c2hvcnQ=")]
    public void Load_MalformedKey_IsRefusedWithoutEchoingIt(string value)
    {
        var error = Assert.Throws<MasterKeyException>(() =>
            MasterKeyLoader.Load(new SecurityOptions(), DataFolder, _ => value));

        Assert.Contains("MLC_MASTER_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingKeyFile_NamesThePath()
    {
        var keyFile = _root.Combine("nowhere.key");

        var error = Assert.Throws<MasterKeyException>(() =>
            MasterKeyLoader.Load(new SecurityOptions { KeyFile = keyFile }, DataFolder, _ => null));

        Assert.Contains(keyFile, error.Message, StringComparison.Ordinal);
    }
}
