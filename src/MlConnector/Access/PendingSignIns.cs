using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace MlConnector.Access;

/// <summary>The step between a right password and the second factor: a short-lived cookie (<see cref="CookieName"/>),
/// protected by Data Protection, naming the user whose password was right and the security stamp they had then. It
/// lasts <see cref="Lifetime"/> on the injected clock, a little longer than a Verify code (10 minutes), so an expired
/// code can be replaced by a new one without the password again; by itself it gives no access.</summary>
public sealed class PendingSignIns(IDataProtectionProvider dataProtection, TimeProvider time)
{
    public const string CookieName = "mlc.signin";

    /// <summary>How long the second step may take.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private readonly IDataProtector _protector = dataProtection.CreateProtector("ml-connector.pending-sign-in");

    public void Start(HttpContext context, OperatorUser user, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        var pending = new PendingSignIn(user.UserName, user.SecurityStamp, time.GetUtcNow(), returnUrl);
        context.Response.Cookies.Append(CookieName, _protector.Protect(JsonSerializer.Serialize(pending)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/login",
            IsEssential = true,
        });
    }

    /// <summary>The pending sign-in of this browser, or null when there is none, it cannot be read, or it is too old.</summary>
    public PendingSignIn? Read(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Cookies[CookieName] is not { Length: > 0 } cookie)
        {
            return null;
        }

        try
        {
            var pending = JsonSerializer.Deserialize<PendingSignIn>(_protector.Unprotect(cookie));
            var age = time.GetUtcNow() - (pending?.Started ?? DateTimeOffset.MinValue);
            return age >= TimeSpan.Zero && age < Lifetime ? pending : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    public void End(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/login" });
    }
}

/// <param name="Stamp">The user's security stamp when the password was right: a change since (new password, role,
/// removal) ends the pending sign-in too.</param>
public sealed record PendingSignIn(string UserName, string Stamp, DateTimeOffset Started, string? ReturnUrl);
