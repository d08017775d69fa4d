using MlConnector.Detection;

namespace MlConnector.Tests.Detection;

public sealed class PollingOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(new PollingOptionsValidator().Validate(null, new PollingOptions()).Succeeded);

    [Fact]
    public void Validate_LeaseShorterThanTwoHeartbeats_NamesBothSettings()
    {
        var result = new PollingOptionsValidator().Validate(null,
            new PollingOptions { HeartbeatInterval = TimeSpan.FromSeconds(10), LeaseDuration = TimeSpan.FromSeconds(19) });

        Assert.True(result.Failed);
        Assert.Contains("Polling:LeaseDuration (00:00:19) must be at least 2 times Polling:HeartbeatInterval (00:00:10)",
            result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoHeartbeat_NamesTheSetting() =>
        Assert.Contains("Polling:HeartbeatInterval must be positive",
            new PollingOptionsValidator().Validate(null, new PollingOptions { HeartbeatInterval = TimeSpan.Zero }).FailureMessage,
            StringComparison.Ordinal);

    [Fact]
    public void Validate_FullReadEveryBeyondAWeek_NamesTheSetting()
    {
        var result = new PollingOptionsValidator().Validate(null, new PollingOptions { FullReadEvery = TimeSpan.FromDays(8) });

        Assert.True(result.Failed);
        Assert.Contains("Polling:FullReadEvery", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new PollingOptionsValidator().Validate(null, new PollingOptions { FullReadEvery = TimeSpan.Zero }).Succeeded);
    }
}
