using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Twilio;
using MlConnector.Simulators.Twilio.Verify;

namespace MlConnector.Tests.Simulators.Twilio;

public sealed class VerifyStoreTests
{
    private const string Phone = "+15558675310";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly VerifyStore _store = new(new TwilioSimulatorOptions());

    [Fact]
    public void Check_ByNumberAfterAResend_SameVerificationAndCodeApprove()
    {
        var (first, _) = _store.Send(Phone, "sms", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(1));
        var (second, _) = _store.Send(Phone, "sms", _time.GetUtcNow());

        var (check, error) = _store.Check(Phone, null, first!.Code, _time.GetUtcNow(), "/Services/VA/VerificationCheck");

        Assert.Null(error);
        Assert.Equal((first.Sid, first.Code), (second!.Sid, second.Code));
        Assert.Equal(2, second.SendAttempts.Count);
        Assert.Equal("approved", check!.Status);
    }

    [Fact]
    public void Check_OneTickBeforeAndAtExpiry_PendingThenGone()
    {
        var (sent, _) = _store.Send(Phone, "sms", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        var before = _store.Pending(sent!.Sid, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromTicks(1));

        var (_, error) = _store.Check(Phone, null, sent.Code, _time.GetUtcNow(), "/Services/VA/VerificationCheck");

        Assert.NotNull(before);
        Assert.Equal((404, 20404), (error!.HttpStatus, error.Code));
    }
}
