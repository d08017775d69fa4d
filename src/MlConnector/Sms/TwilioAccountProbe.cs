using Microsoft.Extensions.Options;
using MlConnector.Probes;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010;

namespace MlConnector.Sms;

/// <summary>Checks the Twilio credentials by fetching the account (GET /2010-04-01/Accounts/{AccountSid}.json).</summary>
internal sealed class TwilioAccountProbe(IHttpClientFactory httpClients, IOptions<TwilioOptions> options)
{
    public async Task<ProbeResult?> CheckAsync()
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return null;
        }

        try
        {
            var account = await AccountResource.FetchAsync(pathSid: o.AccountSid, client: TwilioSmsSender.CreateClient(httpClients, o));
            var active = account.Status == AccountResource.StatusEnum.Active;
            return new ProbeResult("Twilio", active,
                $"account {o.AccountSid} ({account.FriendlyName}) is {account.Status}" + (active ? "" : ": texts would be refused"));
        }
        catch (ApiException e) when (e.Status is 401 or 403)
        {
            return new ProbeResult("Twilio", false,
                $"Twilio refused the credentials (HTTP {e.Status}, code {e.Code}): check Twilio:AccountSid and Twilio:AuthToken (or Twilio:ApiKeySid and Twilio:ApiKeySecret).");
        }
        catch (TwilioException e)
        {
            return new ProbeResult("Twilio", false, $"Twilio could not be reached or answered an error: {e.Message}");
        }
    }
}
