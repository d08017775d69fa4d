using System.Security.Claims;
using MlConnector.Access;

namespace MlConnector.Tests.Access;

public sealed class OperatorRolesTests
{
    [Theory]
    [InlineData("viewer", "viewer", true)]
    [InlineData("viewer", "operator", false)]
    [InlineData("viewer", "admin", false)]
    [InlineData("operator", "viewer", true)]
    [InlineData("operator", "operator", true)]
    [InlineData("operator", "admin", false)]
    [InlineData("admin", "viewer", true)]
    [InlineData("admin", "operator", true)]
    [InlineData("admin", "admin", true)]
    [InlineData("root", "viewer", false)]
    public void IsInRole_EachRoleIncludesTheOnesBelowIt(string held, string needed, bool expected)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "u"), new Claim(ClaimTypes.Role, held)], "test"));

        Assert.Equal(expected, Actor.IsInRole(user, needed));
    }

    [Fact]
    public void ApiKeys_NeverAdminister()
    {
        Assert.True(OperatorRoles.IsValid(OperatorRoles.Admin));
        Assert.False(OperatorRoles.IsValidForApiKey(OperatorRoles.Admin));
        Assert.True(OperatorRoles.IsValidForApiKey(OperatorRoles.Operator));
    }
}
