using Microsoft.Extensions.Options;
using MlConnector.Probes;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using MessagingService = Twilio.Rest.Messaging.V1.ServiceResource;
using TwilioHttpMethod = Twilio.Http.HttpMethod;

namespace MlConnector.Sms;

/// <summary>
/// The configured sender as Twilio knows it, and where its inbound texts go: for a number (<c>Twilio:From</c>) its
/// IncomingPhoneNumber's SmsUrl, for a Messaging Service (<c>Twilio:MessagingServiceSid</c>) the service's
/// InboundRequestUrl, which wins over its numbers' own. <see cref="PointInboundAtAsync"/> sets that URL (POST), so
/// replies and STOP reach the connector's webhook without a trip to the Twilio console. Official SDK only.
/// </summary>
internal sealed class TwilioSenderSetup(IHttpClientFactory httpClients, IOptions<TwilioOptions> options)
{
    public const string Target = "Twilio sender";

    /// <summary>Finds the sender in the account and says where its inbound texts go now.</summary>
    public async Task<ProbeResult> CheckAsync()
    {
        var o = options.Value;
        try
        {
            if (IsService(o))
            {
                var service = await MessagingService.FetchAsync(o.MessagingServiceSid, Client());
                return new ProbeResult(Target, true, $"Messaging Service {service.Sid} ({service.FriendlyName}); inbound texts go to " +
                    $"{Show(service.InboundRequestUrl)}{(service.UseInboundWebhookOnNumber == true ? " (deferred to each number's own URL)" : "")}" +
                    $"; US A2P 10DLC registered: {(service.UsAppToPersonRegistered == true ? "yes" : "no")}");
            }

            if (await FindNumberAsync(o.From!) is not { } number)
            {
                return new ProbeResult(Target, false, $"the account has no number {o.From} (Twilio:From): texts need a number " +
                    "the account owns, or a Messaging Service (Twilio:MessagingServiceSid)");
            }

            return new ProbeResult(Target, true, $"number {number.PhoneNumber} ({number.Sid}); inbound texts go to {Show(number.SmsUrl)}" +
                (number.SmsApplicationSid is { Length: > 0 } app ? $" (the number uses TwiML app {app}, which takes precedence)" : ""));
        }
        catch (ApiException e)
        {
            return new ProbeResult(Target, false, $"Twilio answered HTTP {e.Status}, code {e.Code}: {e.Message}");
        }
        catch (TwilioException e)
        {
            return new ProbeResult(Target, false, $"Twilio could not be reached or answered an error: {e.Message}");
        }
    }

    /// <summary>Points the sender's inbound texts at <paramref name="inboundUrl"/> (method POST).</summary>
    public async Task<ProbeResult> PointInboundAtAsync(Uri inboundUrl)
    {
        ArgumentNullException.ThrowIfNull(inboundUrl);
        var o = options.Value;
        try
        {
            if (IsService(o))
            {
                var service = await MessagingService.UpdateAsync(new Twilio.Rest.Messaging.V1.UpdateServiceOptions(o.MessagingServiceSid)
                {
                    InboundRequestUrl = inboundUrl,
                    InboundMethod = TwilioHttpMethod.Post,
                }, Client());
                return new ProbeResult(Target, true, $"Messaging Service {service.Sid}: inbound request URL set to {service.InboundRequestUrl}" +
                    (service.UseInboundWebhookOnNumber == true
                        ? ". Note: the service defers to each number's own URL (\"Use inbound webhook on number\"); switch that off in the console or replies will not reach the connector"
                        : ""));
            }

            if (await FindNumberAsync(o.From!) is not { } number)
            {
                return new ProbeResult(Target, false, $"the account has no number {o.From}: nothing was changed");
            }

            var updated = await IncomingPhoneNumberResource.UpdateAsync(new UpdateIncomingPhoneNumberOptions(number.Sid)
            {
                SmsUrl = inboundUrl,
                SmsMethod = TwilioHttpMethod.Post,
            }, Client());
            return new ProbeResult(Target, true, $"number {updated.PhoneNumber} ({updated.Sid}): SMS URL set to {updated.SmsUrl}");
        }
        catch (ApiException e)
        {
            return new ProbeResult(Target, false, $"Twilio refused the change (HTTP {e.Status}, code {e.Code}): {e.Message}");
        }
        catch (TwilioException e)
        {
            return new ProbeResult(Target, false, $"Twilio could not be reached or answered an error: {e.Message}");
        }
    }

    private static bool IsService(TwilioOptions o) => !string.IsNullOrWhiteSpace(o.MessagingServiceSid);

    private async Task<IncomingPhoneNumberResource?> FindNumberAsync(string phone)
    {
        var found = await IncomingPhoneNumberResource.ReadAsync(
            new ReadIncomingPhoneNumberOptions { PhoneNumber = new PhoneNumber(phone), PageSize = 50, Limit = 50 }, Client());
        // The filter also matches numbers that merely contain these digits.
        return found.FirstOrDefault(n => n.PhoneNumber?.ToString() == phone);
    }

    private Twilio.Clients.TwilioRestClient Client() => TwilioSmsSender.CreateClient(httpClients, options.Value);

    private static string Show(Uri? url) => url is null || url.OriginalString.Length == 0 ? "nowhere yet" : url.OriginalString;
}
