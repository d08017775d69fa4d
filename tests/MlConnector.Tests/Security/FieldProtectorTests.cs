using System.Security.Cryptography;
using MlConnector.Security;

namespace MlConnector.Tests.Security;

public sealed class FieldProtectorTests
{
    private readonly DataKeySet _keys = DataKeySet.CreateRandom();

    [Fact]
    public void Protect_ThenUnprotect_ReturnsTheOriginalText()
    {
        var protector = new FieldProtector(_keys);

        var blob = protector.Protect("PO 000000000150802 from Müller & O'Brien: 1 234,50 €", "alert.body");

        Assert.Equal("PO 000000000150802 from Müller & O'Brien: 1 234,50 €", protector.Unprotect(blob, "alert.body"));
    }

    [Fact]
    public void Protect_SameTextTwice_GivesDifferentBlobs()
    {
        var protector = new FieldProtector(_keys);

        Assert.NotEqual(protector.Protect("+15551234567", "alert.phone"), protector.Protect("+15551234567", "alert.phone"));
    }

    [Fact]
    public void Unprotect_TamperedCiphertext_Throws()
    {
        var protector = new FieldProtector(_keys);
        var blob = protector.Protect("+15551234567", "alert.phone");
        blob[^1] ^= 0x01;

        var error = Assert.Throws<CryptographicException>(() => protector.Unprotect(blob, "alert.phone"));
        Assert.Contains("failed authentication", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unprotect_RelabelledKeyId_Throws()
    {
        var protector = new FieldProtector(_keys);
        var blob = protector.Protect("+15551234567", "alert.phone");
        blob[4] = 2;

        Assert.Throws<CryptographicException>(() => protector.Unprotect(blob, "alert.phone"));
    }

    [Fact]
    public void Unprotect_ValueMovedToAnotherPurpose_Throws()
    {
        var protector = new FieldProtector(_keys);
        var blob = protector.Protect("+15551234567", "alert.phone");

        Assert.Throws<CryptographicException>(() => protector.Unprotect(blob, "alert.body"));
    }

    [Fact]
    public void Unprotect_UnderOtherDataKeys_Throws()
    {
        var blob = new FieldProtector(_keys).Protect("+15551234567", "alert.phone");
        var other = new FieldProtector(DataKeySet.CreateRandom());

        Assert.Throws<CryptographicException>(() => other.Unprotect(blob, "alert.phone"));
    }

    [Fact]
    public void Unprotect_AfterRotation_ReadsValuesWrittenUnderTheOldKey()
    {
        var protector = new FieldProtector(_keys);
        var old = protector.Protect("written under key 1", "alert.body");

        protector.AddKey(2, RandomNumberGenerator.GetBytes(32));
        protector.Activate(2);
        var fresh = protector.Protect("written under key 2", "alert.body");

        Assert.Equal(1, FieldProtector.KeyIdOf(old));
        Assert.Equal(2, FieldProtector.KeyIdOf(fresh));
        Assert.Equal("written under key 1", protector.Unprotect(old, "alert.body"));
        Assert.Equal("written under key 2", protector.Unprotect(fresh, "alert.body"));
        // A fresh process holding the same data keys reads both as well, and writes under the newest.
        var restarted = new FieldProtector(_keys);
        Assert.Equal(2, restarted.ActiveKeyId);
        Assert.Equal("written under key 1", restarted.Unprotect(old, "alert.body"));
    }

    [Fact]
    public void BlindIndex_IsStableAcrossRotationAndDistinctPerValue()
    {
        var protector = new FieldProtector(_keys);
        var before = protector.BlindIndex("+15551234567");
        protector.AddKey(3, RandomNumberGenerator.GetBytes(32));
        protector.Activate(3);

        Assert.Equal(before, protector.BlindIndex("+15551234567"));
        Assert.NotEqual(before, protector.BlindIndex("+15551234568"));
        Assert.DoesNotContain("5551234567", before, StringComparison.Ordinal);
    }

    [Fact]
    public void BlindIndex_DependsOnTheDataKeys()
    {
        var other = new FieldProtector(DataKeySet.CreateRandom());

        Assert.NotEqual(new FieldProtector(_keys).BlindIndex("+15551234567"), other.BlindIndex("+15551234567"));
    }

    [Fact]
    public void Unprotect_Garbage_ThrowsNamingThePurpose()
    {
        var error = Assert.Throws<CryptographicException>(() => new FieldProtector(_keys).Unprotect([9, 9, 9], "inbound.body"));

        Assert.Contains("inbound.body", error.Message, StringComparison.Ordinal);
    }
}
