using Microsoft.AspNetCore.Authorization;
using MlConnector.Access;

namespace MlConnector.Dashboard.Pages;

/// <summary>Who may sign in, with their role and any sign-in lock-out (users are added and removed with the CLI).</summary>
public sealed class UsersModel(OperatorStore operators, IAuthorizationService authorization) : DashboardPage(authorization)
{
    public IReadOnlyList<OperatorUser> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Users = await operators.ListAsync(ct);
}
