using MlConnector.Acknowledgement;

namespace MlConnector.Tests.Acknowledgement;

public sealed class AckReferenceTests
{
    [Theory]
    [InlineData("ok 7KQ2", "7KQ2")]
    [InlineData("  OK   7kq2  ", "7KQ2")]
    [InlineData("Ok\t7KQ2", "7KQ2")]
    [InlineData("ok", null)]
    [InlineData(" OK ", null)]
    public void AReply_ThatReadsOk_IsAnAcknowledgement(string body, string? reference)
    {
        Assert.True(AckReference.TryParseReply(body, out var parsed));
        Assert.Equal(reference, parsed);
    }

    [Theory]
    [InlineData("ok thanks")]
    [InlineData("okay")]
    [InlineData("ok 7KQ")]
    [InlineData("ok 7KQ22")]
    [InlineData("not ok")]
    [InlineData("")]
    public void AnythingElse_IsNot(string body) => Assert.False(AckReference.TryParseReply(body, out _));

    [Fact]
    public void NewReferences_UseTheUnambiguousAlphabet_AndTheSuffixHasAFixedLength()
    {
        var references = Enumerable.Range(0, 2000).Select(_ => AckReference.NewReference()).ToList();

        Assert.All(references, r => Assert.Matches("^[A-HJ-NP-Z2-9]{4}$", r));
        Assert.True(references.Distinct().Count() > 1900);
        Assert.Equal(" Reply OK 7KQ2 to confirm.", AckReference.Suffix("7KQ2"));
        Assert.Equal(AckReference.Suffix("7KQ2").Length, AckReference.SuffixLength);
    }
}
