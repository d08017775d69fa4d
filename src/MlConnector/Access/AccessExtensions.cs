using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using MlConnector.Security;

namespace MlConnector.Access;

internal static class AccessExtensions
{
    public const string Scheme = "mlc";

    /// <summary>The cookie of a person's signed-in session on the dashboard.</summary>
    public const string SessionCookie = "mlc.session";

    /// <summary>Who may use the dashboard and API: cookie sessions for people, API keys for scripts, loopback only
    /// until either is configured. Twilio webhooks are not behind these policies.</summary>
    public static IHostApplicationBuilder AddOperatorAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OperatorStore>();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<AccessState>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddSingleton<OperatorPhones>();
        builder.Services.AddSealedColumn(new SealedColumn("operators", "id", "phone", OperatorPhones.Purpose));
        builder.Services.AddSingleton<RecoveryCodes>();
        builder.Services.AddSingleton<PendingSignIns>();
        builder.Services.AddSingleton<SecondFactor>();
        builder.Services.AddSingleton<AccessAudit>();
        builder.Services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section);
        builder.Services.AddSingleton<SessionAntiforgeryFilter>();
        builder.Services.AddExceptionHandler<ClientInputErrors>();
        builder.Services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o => o.HeaderName = SessionAntiforgeryFilter.HeaderName);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddProblemDetails();
        builder.Services.AddDataProtectionKeys();

        builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or API key", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                || context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = SessionCookie;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = "/login";
                o.AccessDeniedPath = "/denied";
                o.Events.OnValidatePrincipal = OperatorSessions.ValidateAsync;
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, null);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OperatorRoles.CanView, p => p.AddRequirements(new OperatorAccessRequirement(OperatorRoles.Viewer)))
            .AddPolicy(OperatorRoles.CanOperate, p => p.AddRequirements(new OperatorAccessRequirement(OperatorRoles.Operator)))
            .AddPolicy(OperatorRoles.CanAdminister, p => p.AddRequirements(new OperatorAccessRequirement(OperatorRoles.Admin)));
        builder.Services.AddSingleton<IAuthorizationHandler, OperatorAccessHandler>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AccessResultHandler>();
        builder.Services.AddHostedService<AnnounceAccess>();
        return builder;
    }

    /// <summary>Errors as ProblemDetails (exceptions, and bare status codes such as 404 or a refused webhook's 403),
    /// then who is asking (cookie or API key), then what they may do.</summary>
    public static WebApplication UseOperatorAccess(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Says at start-up whether sign-in is required or only loopback is answered, and whether it needs a
    /// second factor (naming how many users have no phone number for it).</summary>
    private sealed class AnnounceAccess(AccessState state, OperatorStore operators, SecondFactor secondFactor, ILogger<AnnounceAccess> logger)
        : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (await state.IsConfiguredAsync(cancellationToken))
            {
                var users = await operators.ListAsync(cancellationToken);
                logger.SignInRequired(users.Count);
                if (secondFactor.IsOn)
                {
                    var withoutPhone = users.Count(u => !u.HasPhone);
                    logger.SecondFactorOn(withoutPhone);
                }
            }
            else
            {
                logger.LoopbackOnly();
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
