using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MlConnector.Access;
using MlConnector.Audit;

namespace MlConnector.Dashboard.Pages;

/// <summary>Who may sign in, with their role, phone number for sign-in codes and any sign-in lock-out. Operators read
/// it; admins also add users, reset passwords, change roles and phone numbers, generate recovery codes and remove
/// users (every change audited with who made it).</summary>
public sealed class UsersModel(OperatorStore operators, OperatorPhones phones, RecoveryCodes recoveryCodes, SecondFactor secondFactor,
    AccessState access, AccessAudit audit, IAuthorizationService authorization) : DashboardPage(authorization)
{
    public IReadOnlyList<OperatorUser> Users { get; private set; } = [];

    public bool SecondFactorOn => secondFactor.IsOn;

    public string? Error { get; private set; }

    /// <summary>A new set of recovery codes, shown on this answer only.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public string? CodesFor { get; private set; }

    protected override string PostsNeed => OperatorRoles.Admin;

    public async Task OnGetAsync(CancellationToken ct) => Users = await operators.ListAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(string? userName, string? password, string? role, string? phone, CancellationToken ct)
    {
        userName = userName?.Trim();
        if ((OperatorStore.UserNameProblem(userName) ?? OperatorStore.PasswordProblem(password) ?? RoleProblem(role) ?? phones.Problem(phone)) is { } problem)
        {
            return await FailAsync(problem, ct);
        }

        if (!await operators.AddAsync(userName!, password!, role!, ct))
        {
            return await FailAsync($"User {userName} already exists.", ct);
        }

        var phoneSet = !string.IsNullOrWhiteSpace(phone) && (await phones.SetAsync(userName!, phone, ct)).Done;
        access.Invalidate();
        await audit.RecordAsync(AuditKinds.UserAdded, ActorName, new { user = userName, role, phone = phoneSet }, ct);
        return Done($"User {userName} added with role {role}.");
    }

    public async Task<IActionResult> OnPostPasswordAsync(string userName, string? password, CancellationToken ct)
    {
        if (OperatorStore.PasswordProblem(password) is { } problem)
        {
            return await FailAsync(problem, ct);
        }

        return await ChangedAsync(await operators.SetPasswordAsync(userName, password!, ct), userName, AuditKinds.UserPasswordSet, new { user = userName },
            $"Password of {userName} reset; their sessions have ended.", ct);
    }

    public async Task<IActionResult> OnPostRoleAsync(string userName, string? role, CancellationToken ct)
    {
        if ((RoleProblem(role) ?? (userName == ActorName && role != OperatorRoles.Admin
            ? "You cannot take the admin role from yourself: ask another admin." : null)) is { } problem)
        {
            return await FailAsync(problem, ct);
        }

        return await ChangedAsync(await operators.SetRoleAsync(userName, role!, ct), userName, AuditKinds.UserRoleSet, new { user = userName, role },
            $"User {userName} now has role {role}; their sessions have ended.", ct);
    }

    public async Task<IActionResult> OnPostPhoneAsync(string userName, string? phone, CancellationToken ct)
    {
        var change = await phones.SetAsync(userName, phone, ct);
        if (!change.Done)
        {
            return await FailAsync(change.Message, ct);
        }

        await audit.RecordAsync(AuditKinds.UserPhoneSet, ActorName, new { user = userName, phone = change.Phone is not null }, ct);
        return Done(change.Phone is null ? $"Phone number of {userName} removed." : $"Phone number of {userName} set to {change.Message}.");
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(string userName, CancellationToken ct)
    {
        if (await recoveryCodes.RegenerateAsync(userName, ct) is not { } codes)
        {
            return await FailAsync($"There is no user {userName}.", ct);
        }

        await audit.RecordAsync(AuditKinds.RecoveryCodesGenerated, ActorName, new { user = userName }, ct);
        (NewRecoveryCodes, CodesFor) = (codes, userName);
        Users = await operators.ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string userName, CancellationToken ct)
    {
        if (userName == ActorName)
        {
            return await FailAsync("You cannot remove yourself: ask another admin.", ct);
        }

        var removed = await operators.RemoveAsync(userName, ct);
        access.Invalidate();
        return await ChangedAsync(removed, userName, AuditKinds.UserRemoved, new { user = userName }, $"User {userName} removed; their sessions have ended.", ct);
    }

    private static string? RoleProblem(string? role) =>
        OperatorRoles.IsValid(role) ? null : "A role is viewer, operator or admin.";

    private async Task<IActionResult> ChangedAsync(bool changed, string userName, string kind, object detail, string message, CancellationToken ct)
    {
        if (!changed)
        {
            return await FailAsync($"There is no user {userName}.", ct);
        }

        await audit.RecordAsync(kind, ActorName, detail, ct);
        return Done(message);
    }

    private RedirectToPageResult Done(string message)
    {
        Message = message;
        return RedirectToPage();
    }

    private async Task<IActionResult> FailAsync(string error, CancellationToken ct)
    {
        Error = error;
        Users = await operators.ListAsync(ct);
        return Page();
    }
}
