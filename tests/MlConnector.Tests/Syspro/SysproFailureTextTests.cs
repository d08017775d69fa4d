using MlConnector.Syspro;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MlConnector.Tests.Syspro;

/// <summary>A failed SYSPRO request as the dashboard's SYSPRO card and a rule's last error say it: words, never an
/// exception's type name (an open circuit read "BrokenCircuitException: The circuit is now open...").</summary>
public sealed class SysproFailureTextTests
{
    [Fact]
    public void AnOpenCircuit_SaysSysproIsPausedAndWhatToCheck()
    {
        var text = SysproFailureText.Describe(new BrokenCircuitException("The circuit is now open and is not allowing calls."));

        Assert.StartsWith("SYSPRO is not being asked for now", text, StringComparison.Ordinal);
        Assert.Contains("check that SYSPRO's OData or e.net service is running", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ATimeout_NamesTheSettingThatBoundsIt()
    {
        var text = SysproFailureText.Describe(new TimeoutRejectedException());

        Assert.Contains("did not answer in time (Syspro:OData:Timeout or Syspro:Enet:Timeout)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusedCredentials_KeepTheirOwnAdvice()
    {
        var text = SysproFailureText.Describe(new SysproException(
            "SYSPRO OData refused the credentials (HTTP 401); check Syspro:OData:Username and Password.", isCredentialError: true));

        Assert.Equal("SYSPRO OData refused the credentials (HTTP 401); check Syspro:OData:Username and Password.", text);
    }

    [Fact]
    public void AnythingElse_IsDescribedByItsMessage_NotItsType()
    {
        var text = SysproFailureText.Describe(new InvalidOperationException("the answer ended early"));

        Assert.Equal("the request to SYSPRO failed unexpectedly: the answer ended early", text);
    }
}
