using Microsoft.Extensions.Options;
using MlConnector.Recipients;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace MlConnector.Sms;

/// <summary>Sends through the official Twilio SDK over an <see cref="IHttpClientFactory"/> client (no HTTP retries).</summary>
internal sealed class TwilioSmsSender(IHttpClientFactory httpClients, IOptions<TwilioOptions> options,
    ILogger<TwilioSmsSender> logger) : ISmsSender
{
    public const string HttpClientName = "twilio";
    private const int MaxValiditySeconds = 36000;

    public async Task<SendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var create = new CreateMessageOptions(new PhoneNumber(message.To))
        {
            Body = message.Body,
            StatusCallback = message.StatusCallback,
            ValidityPeriod = (int)Math.Clamp(Math.Ceiling(message.ValidityPeriod.TotalSeconds), 1, MaxValiditySeconds),
        };
        if (!string.IsNullOrWhiteSpace(o.MessagingServiceSid))
        {
            create.MessagingServiceSid = o.MessagingServiceSid;
        }
        else
        {
            create.From = new PhoneNumber(o.From);
        }

        var retryAfter = RetryAfterCapture.Begin();
        SendResult result;
        try
        {
            // The SDK takes no CancellationToken; the HttpClient timeout bounds the call.
            var created = await MessageResource.CreateAsync(create, Client());
            result = new SendResult.Sent(created.Sid);
        }
        catch (TwilioException e)
        {
            result = TwilioErrorClassifier.Classify(e, retryAfter.Value);
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.SendCompleted(PhoneFormat.Mask(message.To), result.GetType().Name, Describe(result));
        }

        return result;
    }

    public async Task<LookupResult> FindAsync(string phone, string body, DateTimeOffset since, CancellationToken cancellationToken)
    {
        try
        {
            var read = new ReadMessageOptions
            {
                To = new PhoneNumber(phone),
                // The SDK formats this without converting to UTC, so hand it UTC.
                DateSentAfter = since.UtcDateTime,
                PageSize = 50,
            };
            var page = await MessageResource.ReadAsync(read, Client());
            foreach (var m in page)
            {
                if (string.Equals(m.Body, body, StringComparison.Ordinal))
                {
                    return new LookupResult.Found(m.Sid, m.Status?.ToString() ?? "queued");
                }
            }

            return new LookupResult.NotFound();
        }
        catch (TwilioException e)
        {
            logger.LookupFailed(PhoneFormat.Mask(phone), e.GetType().Name, e is ApiException a ? a.Code : 0);
            return new LookupResult.Unknown(e.GetType().Name);
        }
    }

    private TwilioRestClient Client() => CreateClient(httpClients, options.Value);

    /// <summary>The SDK client over a factory HttpClient: Account SID + Auth Token, or an API key when one is set.</summary>
    internal static TwilioRestClient CreateClient(IHttpClientFactory httpClients, TwilioOptions o)
    {
        var useKey = !string.IsNullOrWhiteSpace(o.ApiKeySid);
        var http = new SystemNetHttpClient(httpClients.CreateClient(HttpClientName));
        return new TwilioRestClient(useKey ? o.ApiKeySid : o.AccountSid, useKey ? o.ApiKeySecret : o.AuthToken,
            accountSid: o.AccountSid, httpClient: http);
    }

    private static string Describe(SendResult result) => result switch
    {
        SendResult.Sent s => s.MessageSid,
        SendResult.Transient t => $"{t.Code} {t.Reason}",
        SendResult.Permanent p => $"{p.Code} {p.Reason}",
        SendResult.InDoubt d => d.Reason,
        _ => "",
    };
}
