using Microsoft.Extensions.Options;
using MlConnector.Settings;

namespace MlConnector.Syspro;

[OptionsValidator]
internal sealed partial class SysproOptionsAnnotations : IValidateOptions<SysproOptions>;

/// <summary>Start-up checks of a company's SYSPRO settings: the ranges, the refresh margin inside the idle timeout,
/// and the credentials of every transport that has an address (a transport without its password would only fail at
/// the first poll).</summary>
internal sealed class SysproOptionsValidator : IValidateOptions<SysproOptions>
{
    public ValidateOptionsResult Validate(string? name, SysproOptions options)
    {
        var failures = Check(SysproOptions.SectionName, options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <param name="path">Where these settings live: <c>Syspro</c> or <c>Companies:{id}:Syspro</c>.</param>
    public static IEnumerable<string> Check(string path, SysproOptions options)
    {
        foreach (var failure in AnnotationMessages.Check(new SysproOptionsAnnotations(), path, options))
        {
            yield return failure;
        }

        var enet = options.Enet;
        if (enet.RefreshMargin >= enet.IdleTimeout)
        {
            yield return $"{path}:Enet:RefreshMargin: '{SettingValues.Format(enet.RefreshMargin)}' must be shorter than " +
                $"{path}:Enet:IdleTimeout ({SettingValues.Format(enet.IdleTimeout)})";
        }

        if (options.OData.BaseUrl is not null)
        {
            foreach (var missing in Missing(($"{path}:OData:Username", options.OData.Username), ($"{path}:OData:Password", options.OData.Password)))
            {
                yield return $"{missing} is required with {path}:OData:BaseUrl (an operator enabled for OData)";
            }
        }

        if (enet.BaseUrl is not null)
        {
            foreach (var missing in Missing(($"{path}:Enet:Operator", enet.Operator), ($"{path}:Enet:OperatorPassword", enet.OperatorPassword),
                         ($"{path}:Enet:CompanyId", enet.CompanyId)))
            {
                yield return $"{missing} is required with {path}:Enet:BaseUrl (the e.net operator and the SYSPRO company)";
            }
        }

        if (!string.IsNullOrWhiteSpace(enet.ProbeOperator) && string.IsNullOrEmpty(enet.ProbeOperatorPassword))
        {
            yield return $"{path}:Enet:ProbeOperatorPassword is required with {path}:Enet:ProbeOperator";
        }
    }

    private static IEnumerable<string> Missing(params (string Setting, string? Value)[] settings) =>
        settings.Where(s => string.IsNullOrWhiteSpace(s.Value)).Select(s => s.Setting);
}

/// <summary>Start-up checks of every further company: its SYSPRO settings, named under <c>Companies:{id}:Syspro</c>.</summary>
internal sealed class CompaniesOptionsValidator : IValidateOptions<CompaniesOptions>
{
    public ValidateOptionsResult Validate(string? name, CompaniesOptions options)
    {
        var failures = options.SelectMany(c => SysproOptionsValidator.Check($"{CompaniesOptions.SectionName}:{c.Key}:{SysproOptions.SectionName}", c.Value.Syspro))
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
