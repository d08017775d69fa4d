namespace MlConnector.Access;

/// <summary>The two roles: viewers read; operators also replay, pause and resume rules, and send test texts.</summary>
public static class OperatorRoles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";

    /// <summary>Policy names used by the dashboard and the API.</summary>
    public const string CanView = "can-view";
    public const string CanOperate = "can-operate";

    public static bool IsValid(string? role) => role is Viewer or Operator;
}
