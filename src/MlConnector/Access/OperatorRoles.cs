namespace MlConnector.Access;

/// <summary>The three roles, each with everything of the one before: viewers read; operators also replay, pause and
/// resume rules, and send test texts; admins also manage users, API keys and sessions on the dashboard.</summary>
public static class OperatorRoles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    /// <summary>Policy names used by the dashboard and the API.</summary>
    public const string CanView = "can-view";
    public const string CanOperate = "can-operate";
    public const string CanAdminister = "can-administer";

    /// <summary>A role a user may have.</summary>
    public static bool IsValid(string? role) => role is Viewer or Operator or Admin;

    /// <summary>A role an API key may have: an API key never administers (users, keys and sessions are managed by
    /// people, on the dashboard or the server).</summary>
    public static bool IsValidForApiKey(string? role) => role is Viewer or Operator;

    /// <summary>Whether <paramref name="held"/> includes what <paramref name="needed"/> may do.</summary>
    public static bool Includes(string? held, string needed) => Rank(held) >= Rank(needed) && Rank(needed) > 0;

    private static int Rank(string? role) => role switch
    {
        Viewer => 1,
        Operator => 2,
        Admin => 3,
        _ => 0,
    };
}
