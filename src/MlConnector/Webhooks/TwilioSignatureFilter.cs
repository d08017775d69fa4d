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
/// HMAC-SHA256 when X-Twilio-Webhooks-Signature-Settings says so. Anything else is refused: 403 (400 for a form that
/// cannot be read, 429 once the source has been refused too often), counted by <see cref="WebhookRefusals"/>, which
/// says when an audit line (without the parameters) is due.
/// </summary>
internal sealed class TwilioSignatureFilter(IOptions<TwilioOptions> options, PublicUrls urls, IDbDialect dialect,
    TimeProvider time, WebhookRefusals refusals, ILogger<TwilioSignatureFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var refusal = await CheckAsync(request, http.RequestAborted);
        if (refusal is null)
        {
            return await next(context);
        }

        var (code, reason) = refusal.Value;
        var remote = http.Connection.RemoteIpAddress?.ToString();
        var (throttled, auditCount) = refusals.Refuse(remote ?? "unknown", code);
        if (auditCount is { } refused)
        {
            logger.ForgedWebhook(request.Path, reason, refused);
            await using var connection = await dialect.OpenAsync(http.RequestAborted);
            await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
            await AuditWriter.AppendAsync(connection, transaction, new AuditEntry("default", null, time.GetUtcNow(),
                AuditKinds.ForgedWebhook, "twilio-webhook", JsonSerializer.Serialize(new
                {
                    path = request.Path.Value, reason, remote, refused,
                })), http.RequestAborted);
            await transaction.CommitAsync(http.RequestAborted);
        }

        var status = throttled ? StatusCodes.Status429TooManyRequests
            : code == MalformedForm ? StatusCodes.Status400BadRequest : StatusCodes.Status403Forbidden;
        return TypedResults.Problem(throttled ? "Too many refused webhook requests from this address; try again later." : reason,
            statusCode: status, title: throttled ? "Too many requests" : "Webhook refused");
    }

    private const string MalformedForm = "malformed-form";

    private async Task<(string Code, string Reason)?> CheckAsync(HttpRequest request, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled || string.IsNullOrEmpty(o.AuthToken))
        {
            return ("delivery-off", "delivery is off (no Twilio credentials to check the signature with)");
        }

        var signature = request.Headers[TwilioSignatureHeader].ToString();
        if (signature.Length == 0)
        {
            return ("no-signature", "no signature");
        }

        if (!request.HasFormContentType)
        {
            return ("not-a-form", "not a form post");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            // Too many fields, a key or value over the limits, a multipart body without a boundary, a body cut off.
            return (MalformedForm, "malformed form: " + e.Message);
        }

        var parameters = form.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var algorithm = RequestValidator.GetSignatureAlgorithm(request.Headers[RequestValidator.SignatureSettingsHeader].ToString());
        return new RequestValidator(o.AuthToken).Validate(urls.SignedUrl(request), parameters, signature, algorithm)
            ? null
            : ("bad-signature", "signature does not match");
    }

    private const string TwilioSignatureHeader = "X-Twilio-Signature";
}
