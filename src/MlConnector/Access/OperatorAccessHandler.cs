using Microsoft.AspNetCore.Authorization;

namespace MlConnector.Access;

/// <summary>Needs at least <see cref="Role"/>. With no users or API keys configured, loopback requests pass as an
/// operator and every other request is refused.</summary>
public sealed class OperatorAccessRequirement(string role) : IAuthorizationRequirement
{
    public string Role { get; } = role;
}

internal sealed class OperatorAccessHandler(AccessState state, IHttpContextAccessor accessor)
    : AuthorizationHandler<OperatorAccessRequirement>
{
    public const string LoopbackOnlyReason = "loopback-only";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperatorAccessRequirement requirement)
    {
        var http = accessor.HttpContext;
        if (http is null)
        {
            return;
        }

        if (!await state.IsConfiguredAsync(http.RequestAborted))
        {
            if (Actor.IsLoopback(http))
            {
                context.Succeed(requirement);
            }
            else
            {
                context.Fail(new AuthorizationFailureReason(this, LoopbackOnlyReason));
            }

            return;
        }

        if (Actor.IsInRole(context.User, requirement.Role))
        {
            context.Succeed(requirement);
        }
    }
}
