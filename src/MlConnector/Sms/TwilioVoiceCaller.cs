using Microsoft.Extensions.Options;
using MlConnector.Recipients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace MlConnector.Sms;

/// <summary>Calls through the official SDK (CallResource), on the same client as the texts. Calls come from
/// Twilio:From: a Messaging Service sends texts but cannot place calls.</summary>
internal sealed class TwilioVoiceCaller(IHttpClientFactory httpClients, IOptions<TwilioOptions> options,
    ILogger<TwilioVoiceCaller> logger) : IVoiceCaller
{
    // A look for a call whose placing was interrupted reads one page, newest first: calls to one person are few.
    private const int LookupPageSize = 50;

    private static readonly List<string> StatusEvents = ["initiated", "ringing", "answered", "completed"];

    public async Task<CallResult> PlaceAsync(string phone, string twiml, Uri statusCallback, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.From))
        {
            return new CallResult.Refused(null, "Twilio:From is not set: voice calls need a number of the account (a Messaging Service cannot place calls).");
        }

        try
        {
            // The SDK takes no CancellationToken; the HttpClient timeout bounds the call.
            var call = await CallResource.CreateAsync(new CreateCallOptions(new PhoneNumber(phone), new PhoneNumber(o.From))
            {
                Twiml = new Twiml(twiml),
                StatusCallback = statusCallback,
                StatusCallbackEvent = StatusEvents,
                StatusCallbackMethod = Twilio.Http.HttpMethod.Post,
            }, TwilioSmsSender.CreateClient(httpClients, o));
            return new CallResult.Placed(call.Sid);
        }
        catch (ApiException e)
        {
            return new CallResult.Refused(e.Code, e.Message);
        }
        catch (Exception e) when (e is TwilioException or HttpRequestException or TaskCanceledException)
        {
            return new CallResult.Refused(null, e.Message);
        }
    }

    public async Task<CallLookup> FindAsync(string phone, DateTimeOffset since, IReadOnlySet<string> excluded,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(excluded);
        var o = options.Value;
        try
        {
            // No StartTime filter: a call not yet dialled has no start time. The list comes newest first.
            var read = new ReadCallOptions { To = new PhoneNumber(phone), PageSize = LookupPageSize, Limit = LookupPageSize };
            if (!string.IsNullOrWhiteSpace(o.From))
            {
                read.From = new PhoneNumber(o.From);
            }

            foreach (var call in await CallResource.ReadAsync(read, TwilioSmsSender.CreateClient(httpClients, o)))
            {
                if (TwilioReads.Utc(call.DateCreated) is { } created && created < since)
                {
                    break;
                }

                if (!excluded.Contains(call.Sid))
                {
                    return new CallLookup.Found(call.Sid);
                }
            }

            return new CallLookup.NotFound();
        }
        catch (Exception e) when (TwilioReads.Unreadable(e, cancellationToken))
        {
            logger.CallLookupFailed(PhoneFormat.Mask(phone), TwilioReads.Why(e));
            return new CallLookup.Unknown(TwilioReads.Why(e));
        }
    }
}
