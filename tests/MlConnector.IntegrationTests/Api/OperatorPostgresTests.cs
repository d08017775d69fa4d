using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Alerts;
using MlConnector.Api;
using MlConnector.Detection;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Security;

namespace MlConnector.IntegrationTests.Api;

/// <summary>The operator surface's SQL on PostgreSQL: filters, replay, pause, export and key rotation.</summary>
public sealed class OperatorPostgresTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OperatorSurface_Postgres_ListsReplaysPausesExportsAndRotates()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var app = OperatorApiApplication.Create()
            .With("Storage:Provider", "Postgres")
            .With("Storage:ConnectionString", database.ConnectionString);
        var id = await OperatorSeed.AlertAsync(app.Services, OperatorApiApplication.Phone);
        await OperatorSeed.AlertAsync(app.Services, "+15550100002", sourceKey: "PO-000777");
        var client = app.CreateClient();

        var found = await client.GetFromJsonAsync<AlertPage>($"/api/alerts?phone={Uri.EscapeDataString(OperatorApiApplication.Phone)}&state=failed&pageSize=1", Ct);
        var byRecord = await client.GetFromJsonAsync<AlertPage>("/api/alerts?record=PO-000777&person=alex&text=needs%20your", Ct);
        var replay = await client.PostAsJsonAsync($"/api/alerts/{id}/replay", new ReplayRequest("retry on Postgres"), Ct);
        var pause = await client.PostAsJsonAsync("/api/rules/po-submitted/pause", new PauseRequest("maintenance"), Ct);
        var rules = await client.GetFromJsonAsync<RuleStatus[]>("/api/rules", Ct);
        var export = await client.GetStringAsync("/api/audit/export?from=2000-01-01&to=2100-01-01&format=csv", Ct);
        var rotation = await app.Services.GetRequiredService<KeyRotation>().RotateAsync(null, Ct);
        var (keyId, rewritten) = (rotation.KeyId, rotation.Rewritten);
        var detail = await client.GetFromJsonAsync<AlertDetail>($"/api/alerts/{id}", Ct);
        var overview = await client.GetStringAsync("/", Ct); // the charts' and counts' grouping SQL on PostgreSQL

        Assert.Equal(id, Assert.Single(found!.Items).Id);
        Assert.Equal("PO-000777", Assert.Single(byRecord!.Items).SourceKey); // ltrim and LIKE ... ESCAPE on PostgreSQL
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, pause.StatusCode);
        Assert.True(Assert.Single(rules!).Paused);
        Assert.Contains(",replay,local,", export, StringComparison.Ordinal);
        Assert.Equal(2, keyId);
        Assert.Equal(6, rewritten); // two alerts x (phone, body, sealed audit detail)
        Assert.Equal(AlertStates.Pending, detail!.Alert.State);
        Assert.Equal(OperatorApiApplication.Phone, detail.Alert.Phone);
        Assert.Equal("ACME01", detail.SourceRecord["Supplier"]);
        Assert.Contains("data-failed=\"1\"", overview, StringComparison.Ordinal);
        Assert.Contains("id=\"needs-me\"", overview, StringComparison.Ordinal);
    }
}
