namespace MlConnector.Alerts;

/// <summary>
/// A SYSPRO record key as people read it. Keys are stored verbatim (<c>' 00001'</c>, <c>'000000000100001|   1'</c>);
/// for texts, the dashboard and the CLI each part loses its leading spaces, its zeros are kept (<c>00001</c>).
/// </summary>
public static class RecordKeyText
{
    public static string Display(string key) =>
        string.Join('|', (key ?? "").Split('|').Select(part => part.TrimStart()));
}
