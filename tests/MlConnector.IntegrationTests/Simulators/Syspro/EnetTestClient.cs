using System.Globalization;
using System.Text;
using MlConnector.Simulators.Syspro;

namespace MlConnector.IntegrationTests.Simulators.Syspro;

/// <summary>A bare e.net REST caller for tests: GET with URL-encoded query strings, Windows-1252 decoding.</summary>
public sealed class EnetTestClient(HttpClient http, SysproSimulator simulator)
{
    public static readonly Encoding Windows1252 = CreateEncoding();

    public async Task<EnetReply> GetAsync(string path, params (string Name, string Value)[] query)
    {
        var url = "SYSPROWCFService/Rest/" + path.TrimStart('/')
            + (query.Length == 0 ? "" : "?" + string.Join('&', query.Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value)}")));
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        return new EnetReply((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, bytes, Windows1252.GetString(bytes));
    }

    public Task<EnetReply> LogonAsync(string? password = null) => GetAsync(
        "Logon",
        ("Operator", simulator.Options.Operator),
        ("OperatorPassword", password ?? simulator.Options.OperatorPassword),
        ("CompanyId", simulator.Options.CompanyId),
        ("CompanyPassword", simulator.Options.CompanyPassword));

    public async Task<string> LogonUserIdAsync()
    {
        var reply = await LogonAsync();
        Assert.Matches("^[0-9A-F]{34}  $", reply.Text);
        return reply.Text;
    }

    public Task<EnetReply> QueryAsync(string userId, string businessObject, string xmlIn) =>
        GetAsync("Query/Query", ("UserId", userId), ("BusinessObject", businessObject), ("XmlIn", xmlIn));

    /// <summary>A COMFND document; <paramref name="where"/> is (column, condition, value) joined with And.</summary>
    public static string Comfnd(string table, string[] columns, (string Column, string Condition, string Value)[] where,
        string? orderBy = null, int returnRows = 0)
    {
        static string Esc(string s) => System.Security.SecurityElement.Escape(s);
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"Windows-1252\"?>\n<Query xmlns:xsd=\"http://www.w3.org/2001/XMLSchema-instance\" xsd:noNamespaceSchemaLocation=\"COMFND.XSD\">")
            .Append(CultureInfo.InvariantCulture, $"<TableName>{table}</TableName>");
        if (returnRows > 0) xml.Append(CultureInfo.InvariantCulture, $"<ReturnRows>{returnRows}</ReturnRows>");
        xml.Append("<Columns>").AppendJoin("", columns.Select(c => $"<Column>{c}</Column>")).Append("</Columns>");
        if (where.Length > 0)
        {
            xml.Append("<Where>").AppendJoin("", where.Select(w =>
                $"<Expression><OpenBracket>(</OpenBracket><AndOr>And</AndOr><Column>{w.Column}</Column><Condition>{w.Condition}</Condition><Value>{Esc(w.Value)}</Value><CloseBracket>)</CloseBracket></Expression>"))
                .Append("</Where>");
        }

        if (orderBy is not null) xml.Append(CultureInfo.InvariantCulture, $"<OrderBy><Column>{orderBy}</Column></OrderBy>");
        return xml.Append("</Query>").ToString();
    }

    private static Encoding CreateEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}

public sealed record EnetReply(int Status, string? ContentType, byte[] Bytes, string Text);
