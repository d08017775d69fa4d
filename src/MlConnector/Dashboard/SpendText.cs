using System.Globalization;
using MlConnector.Sms;

namespace MlConnector.Dashboard;

/// <summary>Twilio's usage figures in words for the overview's spend card.</summary>
public static class SpendText
{
    /// <summary>The price as Twilio gives it (to at least cents, up to its five decimals) and its currency in capitals
    /// (Usage Records write it in lower case: "usd").</summary>
    public static string Price(SmsSpend spend)
    {
        ArgumentNullException.ThrowIfNull(spend);
        return spend.Price is { } price
            ? $"{price.ToString("0.00###", CultureInfo.InvariantCulture)} {spend.Currency.ToUpperInvariant()}".TrimEnd()
            : "no price given";
    }

    /// <summary>Twilio's unit as a row heading: "messages" becomes "Messages".</summary>
    public static string Unit(string unit) =>
        string.IsNullOrEmpty(unit) ? "Count" : char.ToUpperInvariant(unit[0]) + unit[1..];

    /// <summary>The GMT days the figure covers, e.g. "1 Dec to 3 Dec".</summary>
    public static string Period(SmsSpend spend)
    {
        ArgumentNullException.ThrowIfNull(spend);
        return spend is { From: { } from, To: { } to }
            ? $"{from.ToString("d MMM", CultureInfo.InvariantCulture)} to {to.ToString("d MMM", CultureInfo.InvariantCulture)}"
            : "this month";
    }
}
