using MlConnector.Security;

namespace MlConnector.Tests.Security;

public sealed class KeyWrapTests
{
    private static MasterKey NewMasterKey(string origin = "test") => MasterKey.FromBase64(MasterKey.GenerateBase64(), origin);

    [Fact]
    public void Wrap_ThenUnwrapWithTheSameMasterKeyAndName_GivesTheDataKeyBack()
    {
        var master = NewMasterKey();
        var key = KeyWrap.NewDataKey();

        var wrapped = KeyWrap.Wrap(master, "field/1", key);

        Assert.Equal(key, KeyWrap.Unwrap(master, "field/1", wrapped));
        Assert.Equal(-1, wrapped.AsSpan().IndexOf(key)); // the key is not in the wrapped bytes
    }

    [Fact]
    public void Unwrap_WithAnotherMasterKey_RefusesNamingWhereThatKeyCameFrom()
    {
        var wrapped = KeyWrap.Wrap(NewMasterKey(), "field/1", KeyWrap.NewDataKey());

        var error = Assert.Throws<MasterKeyException>(() => KeyWrap.Unwrap(NewMasterKey("the MLC_MASTER_KEY environment variable"), "field/1", wrapped));

        Assert.Contains("the MLC_MASTER_KEY environment variable does not open the data key field/1", error.Message, StringComparison.Ordinal);
        Assert.Contains("keys rotate --master", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unwrap_UnderAnotherName_Refuses()
    {
        var master = NewMasterKey();
        var wrapped = KeyWrap.Wrap(master, "field/1", KeyWrap.NewDataKey());

        Assert.Throws<MasterKeyException>(() => KeyWrap.Unwrap(master, "blind-index/1", wrapped));
        Assert.Throws<MasterKeyException>(() => KeyWrap.Unwrap(master, "field/2", wrapped));
    }

    [Fact]
    public void Fingerprint_IsStablePerMasterKeyAndDiffersBetweenKeys()
    {
        var base64 = MasterKey.GenerateBase64();

        var once = KeyWrap.Fingerprint(MasterKey.FromBase64(base64, "a"));
        var again = KeyWrap.Fingerprint(MasterKey.FromBase64(base64, "b"));

        Assert.Equal(once, again);
        Assert.NotEqual(once, KeyWrap.Fingerprint(NewMasterKey()));
        Assert.Matches("^[0-9a-f]{32}$", once);
    }
}
