using System.Net.Sockets;
using MlConnector.Sms;
using Twilio.Exceptions;

namespace MlConnector.Tests.Sms;

public sealed class TwilioErrorClassifierTests
{
    [Theory]
    [InlineData(21211, 400)]
    [InlineData(21610, 400)]
    [InlineData(21614, 400)]
    [InlineData(20003, 401)]
    [InlineData(21408, 400)]
    public void Classify_PermanentCodes_Permanent(int code, int status) =>
        Assert.IsType<SendResult.Permanent>(TwilioErrorClassifier.Classify(new ApiException(code, status, "x", "", null, null)));

    [Theory]
    [InlineData(20429, 429)]
    [InlineData(20500, 500)]
    [InlineData(21611, 400)]
    [InlineData(30001, 400)]
    public void Classify_TransientCodes_Transient(int code, int status) =>
        Assert.IsType<SendResult.Transient>(TwilioErrorClassifier.Classify(new ApiException(code, status, "x", "", null, null)));

    [Theory]
    [InlineData("Api Error: BadGateway - <html><body>502</body></html>", 502)]
    [InlineData("Api Error: TooManyRequests - ", 429)]
    [InlineData("Api Error: ServiceUnavailable - <html/>", 503)]
    public void Classify_NoJsonBody_StatusReadFromTheMessageAndTransient(string message, int status)
    {
        Assert.Equal(status, TwilioErrorClassifier.StatusFromMessage(message));
        var result = TwilioErrorClassifier.Classify(new ApiException(message), TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(3), Assert.IsType<SendResult.Transient>(result).RetryAfter);
    }

    [Fact]
    public void Classify_TimeoutAfterSending_InDoubt() =>
        Assert.IsType<SendResult.InDoubt>(TwilioErrorClassifier.Classify(
            new ApiConnectionException("Connection Error: POST", new TaskCanceledException())));

    [Fact]
    public void Classify_ConnectionRefused_TransientBecauseNothingLeft() =>
        Assert.IsType<SendResult.Transient>(TwilioErrorClassifier.Classify(new ApiConnectionException("Connection Error: POST",
            new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)))));

    [Fact]
    public void Classify_MessageQuotesANumber_NumberMasked()
    {
        var result = TwilioErrorClassifier.Classify(new ApiException(21211, 400, "Invalid 'To' Phone Number: +15557654321", "", null, null));
        Assert.DoesNotContain("5557654321", Assert.IsType<SendResult.Permanent>(result).Reason, StringComparison.Ordinal);
    }
}
