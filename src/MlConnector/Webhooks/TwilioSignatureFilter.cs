using System.Text.Json;
using Microsoft.Extensions.Options;
using MlConnector.Audit;
using MlConnector.Sms;
using MlConnector.Storage;
using Twilio.Security;

namespace MlConnector.Webhooks;

/// <summary>
/// The webhooks' only authentication: X-Twilio-Signature checked with the SDK's RequestValidator over the public URL
/// (Twilio:PublicBaseUrl + path + query, so it holds behind a proxy) and every form parameter. HMAC-SHA1, or
/// HMAC-SHA256 when X-Twilio-Webhooks-Signature-Settings says so. Anything else: 403 and an audit line without the
/// parameters.
/// </summary>
internal sealed class TwilioSignatureFilter(IOptions<TwilioOptions> options, PublicUrls urls, IDbDialect dialect,
    TimeProvider time, ILogger<TwilioSignatureFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var reason = await CheckAsync(request, context.HttpContext.RequestAborted);
        if (reason is null)
        {
            return await next(context);
        }

        logger.ForgedWebhook(request.Path, reason);
        await using var connection = await dialect.OpenAsync(context.HttpContext.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(context.HttpContext.RequestAborted);
        await AuditWriter.AppendAsync(connection, transaction, new AuditEntry("default", null, time.GetUtcNow(),
            AuditKinds.ForgedWebhook, "twilio-webhook", JsonSerializer.Serialize(new
            {
                path = request.Path.Value, reason, remote = context.HttpContext.Connection.RemoteIpAddress?.ToString(),
            })), context.HttpContext.RequestAborted);
        await transaction.CommitAsync(context.HttpContext.RequestAborted);
        return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
    }

    private async Task<string?> CheckAsync(HttpRequest request, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled || string.IsNullOrEmpty(o.AuthToken))
        {
            return "delivery is off (no Twilio credentials to check the signature with)";
        }

        var signature = request.Headers[TwilioSignatureHeader].ToString();
        if (signature.Length == 0)
        {
            return "no signature";
        }

        if (!request.HasFormContentType)
        {
            return "not a form post";
        }

        var form = await request.ReadFormAsync(ct);
        var parameters = form.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var algorithm = RequestValidator.GetSignatureAlgorithm(request.Headers[RequestValidator.SignatureSettingsHeader].ToString());
        return new RequestValidator(o.AuthToken).Validate(urls.SignedUrl(request), parameters, signature, algorithm)
            ? null
            : "signature does not match";
    }

    private const string TwilioSignatureHeader = "X-Twilio-Signature";
}
