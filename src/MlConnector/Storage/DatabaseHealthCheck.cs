using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlConnector.Storage;

/// <summary>The database answers a query.</summary>
internal sealed class DatabaseHealthCheck(IDbDialect dialect) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
        return HealthCheckResult.Healthy(dialect.Describe());
    }
}
