using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace MlConnector.Simulators.Twilio.PhoneNumbers;

/// <summary>
/// IncomingPhoneNumbers of API 2010-04-01: list (filters PhoneNumber, partial or with '*' for any digit, and
/// FriendlyName), fetch, and update of the webhook settings (SmsUrl, SmsMethod, VoiceUrl, VoiceMethod, StatusCallback,
/// FriendlyName). An SmsUrl set here is where injected inbound texts to the number go. Buying numbers is not simulated.
/// </summary>
internal static class IncomingPhoneNumbersApi
{
    public static void MapIncomingPhoneNumbersApi(this IEndpointRouteBuilder routes)
    {
        foreach (var api in TwilioProducts.Groups(routes, TwilioProducts.Api, "/2010-04-01/Accounts/{accountSid}"))
        {
            api.AddEndpointFilter<TwilioAuthFilter>().AddEndpointFilter(new FaultFilter(TwilioFaultTarget.PhoneNumbers));
            api.MapGet("/IncomingPhoneNumbers.json", Read);
            api.MapGet("/IncomingPhoneNumbers/{sid}.json", (HttpRequest request, string accountSid, string sid, PhoneNumberStore numbers) =>
                numbers.Find(sid) is { } n
                    ? Results.Json(IncomingPhoneNumberJson.Number(accountSid, n), TwilioJson.Options)
                    : TwilioJson.NotFound(request.Path));
            api.MapPost("/IncomingPhoneNumbers/{sid}.json", UpdateAsync);
        }
    }

    private static IResult Read(HttpRequest request, string accountSid, PhoneNumberStore numbers)
    {
        var (phone, name) = (request.Query["PhoneNumber"].ToString(), request.Query["FriendlyName"].ToString());
        var filtered = numbers.Numbers
            .Where(n => phone.Length == 0 || Like(n.PhoneNumber, phone))
            .Where(n => name.Length == 0 || n.FriendlyName == name)
            .ToList();
        return ListPage.Json(request, $"/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers.json", "incoming_phone_numbers",
            filtered, n => n.Sid, n => IncomingPhoneNumberJson.Number(accountSid, n));
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string accountSid, string sid, PhoneNumberStore numbers,
        TwilioSimulatorState state, ILogger<PhoneNumberStore> logger)
    {
        if (numbers.Find(sid) is null)
        {
            return TwilioJson.NotFound(context.Request.Path);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var sms = WebhookSetting.Url(form, "SmsUrl");
        var voice = WebhookSetting.Url(form, "VoiceUrl");
        var callback = WebhookSetting.Url(form, "StatusCallback");
        var smsMethod = WebhookSetting.Method(form, "SmsMethod");
        var voiceMethod = WebhookSetting.Method(form, "VoiceMethod");
        if ((sms.Error ?? voice.Error ?? callback.Error ?? smsMethod.Error ?? voiceMethod.Error) is { } error)
        {
            return TwilioJson.Error(error.HttpStatus, error.Code, error.Message);
        }

        var friendlyName = form["FriendlyName"].ToString();
        var updated = numbers.Update(sid, n => n with
        {
            FriendlyName = friendlyName.Length > 0 ? friendlyName : n.FriendlyName,
            SmsUrl = sms.Given ? sms.Url : n.SmsUrl,
            SmsMethod = smsMethod.Method ?? n.SmsMethod,
            VoiceUrl = voice.Given ? voice.Url : n.VoiceUrl,
            VoiceMethod = voiceMethod.Method ?? n.VoiceMethod,
            StatusCallback = callback.Given ? callback.Url : n.StatusCallback,
            DateUpdated = state.Time.GetUtcNow(),
        });
        logger.PhoneNumberUpdated(sid);
        return Results.Json(IncomingPhoneNumberJson.Number(accountSid, updated!), TwilioJson.Options);
    }

    /// <summary>Twilio's PhoneNumber filter: a part of the number, where '*' stands for any one digit.</summary>
    private static bool Like(string number, string filter) =>
        Regex.IsMatch(number, Regex.Escape(filter).Replace("\\*", "[0-9]", StringComparison.Ordinal), RegexOptions.None,
            TimeSpan.FromSeconds(1));
}
