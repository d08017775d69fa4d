namespace MlConnector.Site;

/// <summary>Where the currency code of an amount goes in a text.</summary>
public enum CurrencyPosition
{
    /// <summary>After the amount: <c>1,234.56 USD</c>.</summary>
    After,

    /// <summary>Before the amount: <c>USD 1,234.56</c>.</summary>
    Before,
}

/// <summary>How this site shows times, dates and amounts to people (<c>Site</c>): in texts, on the dashboard and in
/// the CLI's listings. The one place a local time zone is set.</summary>
public sealed class SiteOptions
{
    public const string SectionName = "Site";

    /// <summary>The site's time zone as an IANA id (Europe/Berlin, America/Chicago, Africa/Johannesburg): texts, the
    /// dashboard and the CLI show times in it, and the dashboard's date filters mean its days. The JSON API and the
    /// audit export keep UTC.</summary>
    /// <value>The default is UTC.</value>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>How texts write a date (the <c>local_date</c> filter): a .NET date format such as dd/MM/yyyy,
    /// MM/dd/yyyy or d MMM yyyy.</summary>
    /// <value>The default is yyyy-MM-dd.</value>
    public string DateFormat { get; set; } = "yyyy-MM-dd";

    /// <summary>The culture whose digit separators and month names texts use (en-US, en-ZA, de-DE...); empty for the
    /// invariant culture (1,234.56 and English month names).</summary>
    /// <value>The default is empty (invariant).</value>
    public string Culture { get; set; } = "";

    /// <summary>How texts write an amount (the <c>money</c> filter): a .NET number format such as #,##0.00 or N2.</summary>
    /// <value>The default is #,##0.00.</value>
    public string AmountFormat { get; set; } = "#,##0.00";

    /// <summary>Where an amount's currency code goes: After (1,234.56 USD) or Before (USD 1,234.56). A currency
    /// symbol such as $ always goes before the amount ($1,234.56).</summary>
    /// <value>The default is After.</value>
    public CurrencyPosition CurrencyPosition { get; set; } = CurrencyPosition.After;

    /// <summary>The code of the company's local currency (USD, ZAR, EUR...), shown with amounts SYSPRO keeps without
    /// a currency of their own, such as general ledger values.</summary>
    /// <value>The default is none (such amounts show without a currency).</value>
    public string? Currency { get; set; }
}
