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
    ILogger<TwilioSmsSender> logger, RecentSendOutcomes? outcomes = null) : ISmsSender
{
    public const string HttpClientName = "twilio";
    private const int MaxValiditySeconds = 36000;

    // A look for a send in doubt reads at most LookupPages pages of LookupPageSize, newest first (a list whose next
    // page never ends cannot keep it reading).
    private const int LookupPageSize = 50;
    private const int LookupPages = 3;

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

        var watch = CreateRequestWatch.Begin(message.Leaving);
        SendResult result;
        try
        {
            // The SDK takes no CancellationToken; the HttpClient timeout bounds the call.
            var created = await MessageResource.CreateAsync(create, Client());
            result = new SendResult.Sent(created.Sid);
        }
        catch (TwilioException e)
        {
            result = TwilioErrorClassifier.Classify(e, watch.RetryAfter);
        }

        outcomes?.Record(result);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.SendCompleted(PhoneFormat.Mask(message.To), result.GetType().Name, Describe(result));
        }

        return result;
    }

    public async Task<LookupResult> FindAsync(string phone, string body, DateTimeOffset since, IReadOnlySet<string> excluded,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(excluded);
        try
        {
            // No DateSent filter: whether Twilio lists a message not yet sent under one is not established (docs/twilio.md).
            // The list comes newest first; the SDK fetches the next pages as it is enumerated, up to Limit.
            var read = new ReadMessageOptions { To = new PhoneNumber(phone), PageSize = LookupPageSize, Limit = LookupPageSize * LookupPages };
            var messages = await MessageResource.ReadAsync(read, Client());
            var (seen, olderOnPage) = (0, 0);
            foreach (var m in messages)
            {
                var created = TwilioReads.Utc(m.DateCreated);
                var recent = created is null || created >= since;
                if (recent && string.Equals(m.Body, body, StringComparison.Ordinal) && !excluded.Contains(m.Sid))
                {
                    return new LookupResult.Found(m.Sid, m.Status?.ToString() ?? "queued");
                }

                olderOnPage += recent ? 0 : 1;
                if (++seen % LookupPageSize == 0)
                {
                    if (olderOnPage == LookupPageSize)
                    {
                        break; // a whole page created before the attempt: the rest is older still
                    }

                    olderOnPage = 0;
                }
            }

            return new LookupResult.NotFound();
        }
        catch (Exception e) when (TwilioReads.Unreadable(e, cancellationToken))
        {
            var api = TwilioReads.Unwrap(e) as ApiException;
            logger.LookupFailed(PhoneFormat.Mask(phone), TwilioReads.Unwrap(e).GetType().Name, api?.Code ?? 0);
            return new LookupResult.Unknown(TwilioReads.Why(e));
        }
    }

    public async Task<LookupResult> FetchAsync(string messageSid, CancellationToken cancellationToken)
    {
        try
        {
            var m = await MessageResource.FetchAsync(new FetchMessageOptions(messageSid), Client());
            return new LookupResult.Found(m.Sid, m.Status?.ToString() ?? "queued", m.ErrorCode);
        }
        catch (ApiException e) when (e.Status == 404)
        {
            return new LookupResult.NotFound();
        }
        catch (Exception e) when (TwilioReads.Unreadable(e, cancellationToken))
        {
            var api = TwilioReads.Unwrap(e) as ApiException;
            logger.FetchFailed(messageSid, TwilioReads.Unwrap(e).GetType().Name, api?.Code ?? 0);
            return new LookupResult.Unknown(TwilioReads.Why(e));
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
