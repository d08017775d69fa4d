using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Access;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Simulators.Twilio;

namespace MlConnector.IntegrationTests.Security;

/// <summary>The second factor through Twilio Verify, end to end: the connector's official SDK calls against the Twilio
/// simulator's Verify v2 on a shared fake clock. A right password leads to the code step and starts no session; the
/// code the phone received signs in; a wrong, expired or rate-limited one is refused with words saying what to do,
/// never a 5xx; one-time recovery codes work once each.</summary>
[Collection(nameof(RunsAlone))]
public sealed class SecondFactorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_WithTheCodeTheSimulatorTexted_StartsTheSessionOnlyThen()
    {
        await using var host = await SecondFactorHost.StartAsync();
        using var browser = await host.PasswordStepAsync("olivia");
        using var beforeCode = await browser.GetAsync("/api/alerts");
        using var page = await browser.GetAsync("/login/code");
        var code = host.Twilio.LatestVerifyCode(SecondFactorHost.OliviaPhone);

        using var signedIn = await SecondFactorHost.CodeAsync(browser, code!);

        Assert.Equal(HttpStatusCode.Unauthorized, beforeCode.StatusCode);
        Assert.Contains("A code was texted to +1********02.", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.ToString());
        Assert.NotNull(browser.Session);
        using var afterCode = await browser.GetAsync("/api/alerts");
        Assert.Equal(HttpStatusCode.OK, afterCode.StatusCode);
        Assert.Equal("approved", Assert.Single(host.Twilio.Verifications).Status);
        var session = Assert.Single(await host.App.Services.GetRequiredService<SessionStore>().ListAsync("olivia", Ct));
        Assert.Equal(SessionStore.WithSmsCode, session.SignedInWith);
    }

    [Fact]
    public async Task SignIn_WrongCode_IsRefused_AndFiveWrongCodesLockTheUserOut()
    {
        await using var host = await SecondFactorHost.StartAsync();
        using var browser = await host.PasswordStepAsync("olivia");
        var right = host.Twilio.LatestVerifyCode(SecondFactorHost.OliviaPhone)!;
        var wrong = right == "000000" ? "111111" : "000000";

        using var first = await SecondFactorHost.CodeAsync(browser, wrong);
        var firstPage = await first.Content.ReadAsStringAsync(Ct);
        for (var i = 1; i < 4; i++)
        {
            using var again = await SecondFactorHost.CodeAsync(browser, wrong);
        }

        using var fifth = await SecondFactorHost.CodeAsync(browser, wrong);
        using var rightAfterLockOut = await SecondFactorHost.CodeAsync(browser, right);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("That code is not right.", firstPage, StringComparison.Ordinal);
        Assert.Contains("locked until", await fifth.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, rightAfterLockOut.StatusCode);
        Assert.Contains("locked until", await rightAfterLockOut.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Null(browser.Session);
        Assert.Equal("pending", Assert.Single(host.Twilio.Verifications).Status);
        Assert.Contains(await AuditAsync(host), a => a.Kind == "sign-in-locked" && a.Actor == "olivia");
    }

    [Fact]
    public async Task ReenteringAKnownPassword_BuysNoMoreGuessesAtTheCode()
    {
        await using var host = await SecondFactorHost.StartAsync();
        using var browser = await host.PasswordStepAsync("olivia");
        var wrong = host.Twilio.LatestVerifyCode(SecondFactorHost.OliviaPhone) == "000000" ? "111111" : "000000";
        for (var i = 0; i < 4; i++)
        {
            using var guess = await SecondFactorHost.CodeAsync(browser, wrong);
        }

        using var again = await host.PasswordStepAsync("olivia");
        using var fifth = await SecondFactorHost.CodeAsync(again, wrong);

        Assert.Contains("locked until", await fifth.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_CodeOlderThanTenMinutes_IsRefused_AndANewCodeWorks()
    {
        await using var host = await SecondFactorHost.StartAsync();
        using var browser = await host.PasswordStepAsync("olivia");
        var old = host.Twilio.LatestVerifyCode(SecondFactorHost.OliviaPhone)!;
        host.Clock.Advance(TimeSpan.FromMinutes(10));

        using var expired = await SecondFactorHost.CodeAsync(browser, old);
        using var resend = await SecondFactorHost.ResendAsync(browser);
        using var page = await browser.GetAsync("/login/code");
        using var fresh = await SecondFactorHost.CodeAsync(browser, host.Twilio.LatestVerifyCode(SecondFactorHost.OliviaPhone)!);

        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        Assert.Contains("That code has expired or was already used: send a new code.", await expired.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("A code was texted to", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(2, host.Twilio.Verifications.Count);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.NotNull(browser.Session);
    }

    [Fact]
    public async Task VerifyRateLimits_60203And429_SayWhatToDo_AndNeverAnswer5xx()
    {
        await using var host = await SecondFactorHost.StartAsync();
        using var browser = await host.PasswordStepAsync("olivia");
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i < host.Twilio.Options.Verify.MaxSendAttempts; i++)
        {
            using var resend = await SecondFactorHost.ResendAsync(browser);
            statuses.Add(resend.StatusCode);
        }

        using var sixth = await SecondFactorHost.ResendAsync(browser);
        using var tooManySends = await browser.GetAsync("/login/code");
        host.Twilio.Faults.Enqueue(new TwilioFault(TwilioFaultKind.TooManyRequests, RetryAfter: 30), 1, TwilioFaultTarget.Verify);
        using var limited = await SecondFactorHost.CodeAsync(browser, host.Twilio.LatestVerifyCode(SecondFactorHost.OliviaPhone)!);
        host.Twilio.Faults.Enqueue(new TwilioFault(TwilioFaultKind.TooManyRequestsNoBody), 1, TwilioFaultTarget.Verify);
        using var limitedNoBody = await SecondFactorHost.CodeAsync(browser, host.Twilio.LatestVerifyCode(SecondFactorHost.OliviaPhone)!);

        statuses.AddRange([sixth.StatusCode, tooManySends.StatusCode, limited.StatusCode, limitedNoBody.StatusCode]);
        Assert.All(statuses, s => Assert.True((int)s < 500, $"answered {(int)s}"));
        Assert.Contains("Too many codes have been texted to your phone: wait 10 minutes, or sign in with one of your recovery codes.",
            await tooManySends.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("Twilio is limiting sign-in codes just now: try again in a minute", await limited.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("Twilio answered the sign-in code with an error it did not explain", await limitedNoBody.Content.ReadAsStringAsync(Ct),
            StringComparison.Ordinal);
        Assert.Null(browser.Session);

        // Verify's limits are not guesses: the right code still works once Twilio takes it again.
        using var right = await SecondFactorHost.CodeAsync(browser, host.Twilio.LatestVerifyCode(SecondFactorHost.OliviaPhone)!);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
    }

    [Fact]
    public async Task RecoveryCodes_EachSignsInOnce_AndAUserWithoutAPhoneIsToldToUseOne()
    {
        await using var host = await SecondFactorHost.StartAsync();
        var generated = await CliRunner.RunAsync(host.Builder.Root, host.Builder.Environment, "users", "recovery-codes", "victor");
        var codes = generated.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        using var browser = await host.PasswordStepAsync("victor");
        using var page = await browser.GetAsync("/login/code");

        using var used = await SecondFactorHost.RecoveryCodeAsync(browser, codes[0]);
        using var again = await host.PasswordStepAsync("victor");
        using var reused = await SecondFactorHost.RecoveryCodeAsync(again, codes[0]);
        using var second = await SecondFactorHost.RecoveryCodeAsync(again, codes[1].Replace("-", " ", StringComparison.Ordinal).ToUpperInvariant());

        Assert.Equal(0, generated.ExitCode);
        Assert.Equal(10, codes.Length);
        Assert.All(codes, c => Assert.Matches("^[0-9a-z]{5}-[0-9a-z]{5}$", c));
        Assert.Contains(SecondFactor.NoPhone, await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(host.Twilio.Verifications);
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.NotNull(browser.Session);
        Assert.Contains("That is not one of your unused recovery codes.", await reused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(8, await host.App.Services.GetRequiredService<RecoveryCodes>().RemainingAsync("victor", Ct));
        var audit = await AuditAsync(host);
        Assert.Equal(2, audit.Count(a => a.Kind == "recovery-code-used" && a.Actor == "victor"));
        Assert.Contains(audit, a => a.Kind == "recovery-codes-generated" && a.Actor == $"cli:{Environment.UserName}");
        Assert.DoesNotContain(audit, a => (a.Detail ?? "").Contains(codes[0], StringComparison.Ordinal));
    }

    [Fact]
    public async Task PasswordChangedDuringTheCodeStep_TheRightCodeNoLongerSignsIn()
    {
        await using var host = await SecondFactorHost.StartAsync();
        using var browser = await host.PasswordStepAsync("olivia");
        await host.App.Services.GetRequiredService<OperatorStore>().SetPasswordAsync("olivia", "another long password", Ct);

        using var refused = await SecondFactorHost.CodeAsync(browser, host.Twilio.LatestVerifyCode(SecondFactorHost.OliviaPhone)!);

        Assert.Contains("start again", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Null(browser.Session);
    }

    private static async Task<IReadOnlyList<(string Kind, string Actor, string? Detail)>> AuditAsync(SecondFactorHost host)
    {
        await using var connection = await host.App.Services.GetRequiredService<MlConnector.Storage.IDbDialect>().OpenAsync(Ct);
        return [.. await Dapper.SqlMapper.QueryAsync<(string, string, string?)>(connection, "SELECT kind, actor, detail FROM audit ORDER BY id")];
    }
}
