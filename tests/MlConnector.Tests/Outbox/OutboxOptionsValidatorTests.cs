using Microsoft.Extensions.Options;
using MlConnector.Outbox;
using MlConnector.Sms;

namespace MlConnector.Tests.Outbox;

public sealed class OutboxOptionsValidatorTests
{
    private static readonly TwilioOptions Twilio = new()
    {
        AccountSid = "AC1", AuthToken = "t", From = "+15005550006", RequestTimeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public void Validate_LeaseLessThanTwiceTheRequestTimeout_NamesBothSettings()
    {
        var result = Validator(Twilio).Validate(null, new OutboxOptions { LeaseDuration = TimeSpan.FromSeconds(59) });

        Assert.True(result.Failed);
        Assert.Contains("Outbox:LeaseDuration: '00:00:59' must be longer than Twilio:RequestTimeout (00:00:30) twice over",
            result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LeaseTwiceTheRequestTimeout_Succeeds() =>
        Assert.True(Validator(Twilio).Validate(null, new OutboxOptions { LeaseDuration = TimeSpan.FromMinutes(1) }).Succeeded);

    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(Validator(Twilio).Validate(null, new OutboxOptions()).Succeeded);

    [Fact]
    public void Validate_NothingToWaitOrSend_NamesEachSetting()
    {
        var result = Validator(Twilio).Validate(null,
            new OutboxOptions { PollInterval = TimeSpan.Zero, MaxConcurrency = 0, LeaseDuration = TimeSpan.Zero });

        Assert.Contains("Outbox:PollInterval", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Outbox:MaxConcurrency", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Outbox:LeaseDuration", result.FailureMessage, StringComparison.Ordinal);
    }

    private static OutboxOptionsValidator Validator(TwilioOptions twilio) => new(new FixedMonitor(twilio));

    private sealed class FixedMonitor(TwilioOptions value) : IOptionsMonitor<TwilioOptions>
    {
        public TwilioOptions CurrentValue => value;

        public TwilioOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<TwilioOptions, string?> listener) => null;
    }
}
