namespace MlConnector.Simulators.Twilio.PhoneNumbers;

/// <summary>The IncomingPhoneNumber resource of API 2010-04-01 (schema <c>api.v2010.account.incoming_phone_number</c>).</summary>
internal sealed record IncomingPhoneNumberWire(
    string AccountSid,
    string? AddressSid,
    string AddressRequirements,
    string ApiVersion,
    bool Beta,
    CapabilitiesWire Capabilities,
    string DateCreated,
    string DateUpdated,
    string FriendlyName,
    string? IdentitySid,
    string PhoneNumber,
    string Origin,
    string Sid,
    string? SmsApplicationSid,
    string SmsFallbackMethod,
    string SmsFallbackUrl,
    string SmsMethod,
    string SmsUrl,
    string StatusCallback,
    string StatusCallbackMethod,
    string? TrunkSid,
    string Uri,
    string VoiceReceiveMode,
    string? VoiceApplicationSid,
    bool VoiceCallerIdLookup,
    string VoiceFallbackMethod,
    string? VoiceFallbackUrl,
    string VoiceMethod,
    string? VoiceUrl,
    string EmergencyStatus,
    string? EmergencyAddressSid,
    string EmergencyAddressStatus,
    string? BundleSid,
    string Status,
    string Type);

internal sealed record CapabilitiesWire(bool Mms, bool Sms, bool Voice, bool Fax);

internal static class IncomingPhoneNumberJson
{
    /// <summary>Unset SMS URLs are "" and unset voice URLs null, as in the OpenAPI document's example.</summary>
    public static IncomingPhoneNumberWire Number(string accountSid, SimulatedPhoneNumber n) => new(accountSid, null, "none",
        TwilioJson.ApiVersion, false, new CapabilitiesWire(true, true, true, false), TwilioJson.Rfc2822(n.DateCreated),
        TwilioJson.Rfc2822(n.DateUpdated), n.FriendlyName, null, n.PhoneNumber, "twilio", n.Sid, null, "POST", "",
        n.SmsMethod, n.SmsUrl?.OriginalString ?? "", n.StatusCallback?.OriginalString ?? "", "POST", null,
        $"/{TwilioJson.ApiVersion}/Accounts/{accountSid}/IncomingPhoneNumbers/{n.Sid}.json", "voice", null, false, "POST",
        null, n.VoiceMethod, n.VoiceUrl?.OriginalString, "Inactive", null, "unregistered", null, "in-use", "local");
}
