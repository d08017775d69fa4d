using Microsoft.AspNetCore.Http;

namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>Logon, Logoff and GetLogonProfile (syspro.md sections 1.2 to 1.5).</summary>
internal static class EnetLogon
{
    /// <summary>
    /// Checks the four credentials (extra arguments such as LanguageCode or LogLevel are ignored, as REST does);
    /// a new session evicts the operator's previous one.
    /// </summary>
    public static IResult Logon(HttpRequest request, EnetContext context)
    {
        var options = context.Options;
        var operatorCode = request.Query["Operator"].ToString().Trim();
        var refusal =
            !operatorCode.Equals(options.Operator, StringComparison.OrdinalIgnoreCase) ? EnetText.InvalidOperator
            : request.Query["OperatorPassword"].ToString() != options.OperatorPassword ? EnetText.InvalidOperatorPassword
            : !request.Query["CompanyId"].ToString().Trim().Equals(options.CompanyId, StringComparison.OrdinalIgnoreCase)
                ? EnetText.InvalidCompany
            : request.Query["CompanyPassword"].ToString() != options.CompanyPassword ? EnetText.InvalidCompanyPassword
            : null;
        if (refusal is not null)
        {
            context.Logger.LogonRefused(operatorCode, refusal);
            return EnetText.Body(refusal);
        }

        var (userId, evicted) = context.Sessions.Logon(options.Operator);
        context.Logger.Logon(options.Operator, evicted);
        return EnetText.Body(userId);
    }

    /// <summary><c>0</c> on success; an unknown UserId gets the odd BaseDir8 error SYSPRO was recorded sending.</summary>
    public static IResult Logoff(HttpRequest request, EnetContext context)
    {
        var ok = context.Sessions.Logoff(request.Query["UserId"]);
        context.Logger.Logoff(ok ? "ok" : "unknown UserId");
        return EnetText.Body(ok ? "0" : EnetText.LogoffUnknown);
    }

    public static IResult GetLogonProfile(HttpRequest request, EnetContext context)
    {
        if (!context.Sessions.Touch(request.Query["UserId"]))
        {
            context.Logger.SessionInvalid("GetLogonProfile");
            return EnetText.Body(EnetText.SessionInvalid);
        }

        var options = context.Options;
        return EnetText.Body(new EnetXmlWriter("Profile", options.BusinessObjectVersion)
            .Element("CompanyName", "ML Distribution (simulated)")
            .Element("CompanyId", options.CompanyId)
            .Element("OperatorCode", options.Operator)
            .Element("OperatorName", "Simulated e.net operator")
            .Element("CompanyDate", EnetFormat.Date(context.Data.Today))
            .Element("DateFormat", "CCYY-MM-DD")
            .Element("SysproVersion", options.EnetVersion)
            .Element("EnetVersion", options.EnetVersion)
            .Finish());
    }
}
