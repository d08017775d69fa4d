using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MlConnector.Access;
using MlConnector.Audit;

namespace MlConnector.Dashboard.Pages;

/// <summary>API keys for scripts (admins only): create one (its secret is shown on that answer only; only a hash is
/// kept) and revoke one (refused from the next request on).</summary>
public sealed class ApiKeysModel(ApiKeyStore keys, AccessState access, AccessAudit audit, IAuthorizationService authorization)
    : DashboardPage(authorization)
{
    public IReadOnlyList<ApiKeySummary> Keys { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>The key just created, shown once.</summary>
    public string? CreatedKey { get; private set; }

    public string? CreatedName { get; private set; }

    protected override string PostsNeed => OperatorRoles.Admin;

    public async Task OnGetAsync(CancellationToken ct) => Keys = await keys.ListAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(string? name, string? role, CancellationToken ct)
    {
        name = name?.Trim();
        var problem = OperatorStore.UserNameProblem(name)?.Replace("user name", "key name", StringComparison.Ordinal)
            ?? (OperatorRoles.IsValidForApiKey(role) ? null : "An API key's role is viewer or operator.");
        if (problem is null && await keys.CreateAsync(name!, role!, ct) is { } key)
        {
            access.Invalidate();
            await audit.RecordAsync(AuditKinds.ApiKeyCreated, ActorName, new { key = name, role }, ct);
            (CreatedKey, CreatedName) = (key, name);
        }
        else
        {
            Error = problem ?? $"A key named {name} already exists.";
        }

        Keys = await keys.ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string name, CancellationToken ct)
    {
        if (await keys.RevokeAsync(name, ct))
        {
            access.Invalidate();
            await audit.RecordAsync(AuditKinds.ApiKeyRevoked, ActorName, new { key = name }, ct);
            Message = $"API key {name} revoked.";
        }
        else
        {
            Message = $"There is no live key {name}.";
        }

        return RedirectToPage();
    }
}
