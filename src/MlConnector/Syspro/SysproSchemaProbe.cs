using Microsoft.Extensions.Options;
using MlConnector.Rules;

namespace MlConnector.Syspro;

/// <summary>What SYSPRO said about one table: whether it exists, which of the asked columns it lacks, and whether a
/// row was read with the rest (false for an empty table or when only <c>$metadata</c> was asked).</summary>
public sealed record TableCheck(string Table, bool TableMissing, IReadOnlyList<string> MissingColumns, bool RowRead);

/// <summary>
/// Asks SYSPRO which of a table's columns exist. OData: <c>$metadata</c> (the entity set and its declared
/// properties; a column an open entity type does not declare is taken as present), then, when asked, one row read
/// with the columns that are there. e.net: a one-row COMFND with every column; an answer naming one of the columns
/// (or the table) as unknown drops that column and asks again, so one check finds every missing column.
/// Requests go through a client without retries: a check answers once, and an unreachable SYSPRO is said at once.
/// </summary>
public sealed class SysproSchemaProbe(SysproCompanies companies, IHttpClientFactory httpClients)
{
    /// <param name="session">The e.net session to ask through (a probe operator's); null: the company's own.</param>
    /// <param name="readOneRow">Over OData, also read one row (ping); e.net always reads one.</param>
    /// <exception cref="SysproException">SYSPRO refused or failed in a way that says nothing about the schema.</exception>
    public async Task<TableCheck> CheckAsync(string companyId, SysproTransport transport, string table, IReadOnlyList<string> columns,
        IReadOnlyList<string> keyColumns, EnetSession? session, bool readOneRow, CancellationToken ct)
    {
        var company = companies.Find(companyId) ?? throw new SysproException($"There is no SYSPRO company '{companyId}'.");
        var configured = company.Options; // copied below: these sources read one row per request
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (transport == SysproTransport.Enet)
        {
            timeout.CancelAfter(configured.Enet.Timeout);
            var enet = new EnetOptions { BaseUrl = configured.Enet.BaseUrl, Timeout = configured.Enet.Timeout, PageSize = 1 };
            return await ReadOneRowAsync(new EnetSource(session ?? company.Session, enet), table, columns, [], keyColumns, timeout.Token);
        }

        timeout.CancelAfter(configured.OData.Timeout);
        var oneRow = new ODataSourceOptions
        {
            BaseUrl = configured.OData.BaseUrl, Username = configured.OData.Username, Password = configured.OData.Password,
            Timeout = configured.OData.Timeout, PageSize = 1,
        };
        using var odata = new ODataSource(httpClients.CreateClient(SysproExtensions.CheckClient), oneRow);
        var metadata = await odata.MetadataAsync(timeout.Token);
        if (!metadata.HasSet(table))
        {
            return new TableCheck(table, true, [], false);
        }

        var undeclared = columns.Where(c => metadata.Lacks(table, c)).ToList();
        return readOneRow
            ? await ReadOneRowAsync(odata, table, columns, undeclared, keyColumns, timeout.Token)
            : new TableCheck(table, false, undeclared, false);
    }

    private static async Task<TableCheck> ReadOneRowAsync(ISysproSource source, string table, IReadOnlyList<string> columns,
        IReadOnlyList<string> knownMissing, IReadOnlyList<string> keyColumns, CancellationToken ct)
    {
        var missing = new List<string>(knownMissing);
        var asked = columns.Where(c => !missing.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        while (asked.Count > 0)
        {
            try
            {
                var order = keyColumns.Where(k => asked.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
                var read = false;
                await foreach (var _ in source.ReadAsync(new SourceQuery(table, asked, [], order), ct))
                {
                    read = true;
                    break;
                }

                return new TableCheck(table, false, missing, read);
            }
            catch (SysproException e) when (!e.IsCredentialError && Quoted(e.Message, asked) is { } column)
            {
                missing.Add(column);
                asked.Remove(column);
            }
            catch (SysproException e) when (!e.IsCredentialError && Quoted(e.Message, [table]) is not null)
            {
                return new TableCheck(table, true, [], false);
            }
        }

        return new TableCheck(table, false, missing, false);
    }

    // The one name an error quotes ('X' or "X"), e.g. COMFND's "Column 'X' is not in table 'T'" or OData's
    // "Could not find a property named 'X'": a column is named before the table it is missing from.
    private static string? Quoted(string message, IReadOnlyList<string> names) =>
        names.FirstOrDefault(n => message.Contains($"'{n}'", StringComparison.OrdinalIgnoreCase)
            || message.Contains($"\"{n}\"", StringComparison.OrdinalIgnoreCase));
}
