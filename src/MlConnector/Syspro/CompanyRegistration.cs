using Dapper;
using MlConnector.Storage;

namespace MlConnector.Syspro;

/// <summary>Records the configured companies in the database at start-up (after the migrations), so alerts, audit
/// and filters can carry them.</summary>
internal sealed class CompanyRegistration(SysproCompanies companies, IDbDialect dialect, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        foreach (var company in companies.All)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO companies (id, name, created_at) VALUES (@Id, @Name, @Now)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name
                """,
                new { company.Id, company.Name, Now = time.GetUtcNow().ToStored() }, cancellationToken: cancellationToken));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
