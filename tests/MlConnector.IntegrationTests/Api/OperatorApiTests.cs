using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Access;
using MlConnector.Alerts;
using MlConnector.Api;
using MlConnector.Detection;
using MlConnector.IntegrationTests.Infrastructure;

namespace MlConnector.IntegrationTests.Api;

public sealed class OperatorApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_NoUsersAndLoopback_AnswersWithoutCredentials()
    {
        await using var app = OperatorApiApplication.Create();
        await OperatorSeed.AlertAsync(app.Services, OperatorApiApplication.Phone);

        var page = await app.CreateClient().GetFromJsonAsync<AlertPage>("/api/alerts", Ct);

        Assert.Equal(1, page!.Total);
    }

    [Theory]
    [InlineData("/api/alerts")]
    [InlineData("/alerts")]
    [InlineData("/metrics")]
    public async Task Request_NoUsersAndNotLoopback_IsRefusedAndSaysWhy(string path)
    {
        await using var app = OperatorApiApplication.Create();

        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.10");
        }, Ct);

        Assert.Equal(403, context.Response.StatusCode);
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync(Ct);
        Assert.Contains("Loopback only", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_UsersConfiguredAndNoCredentials_Answers401ProblemDetails()
    {
        await using var app = OperatorApiApplication.Create();
        await app.ApiKeyAsync("ops", OperatorRoles.Operator);

        var response = await app.CreateClient().GetAsync("/api/alerts", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var revoked = await app.ClientWithKey("mlc_00000000_" + new string('0', 40)).GetAsync("/api/alerts", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
    }

    [Fact]
    public async Task Replay_OperatorKey_RequeuesAndAuditsWhoAndWhy()
    {
        await using var app = OperatorApiApplication.Create();
        var id = await OperatorSeed.AlertAsync(app.Services, OperatorApiApplication.Phone);
        var client = app.ClientWithKey(await app.ApiKeyAsync("ops", OperatorRoles.Operator));

        var response = await client.PostJsonAsync($"/api/alerts/{id}/replay", new ReplayRequest("handset was off"));
        var detail = await client.GetFromJsonAsync<AlertDetail>($"/api/alerts/{id}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AlertStates.Pending, detail!.Alert.State);
        Assert.Equal(0, detail.Alert.Attempts);
        Assert.Null(detail.Alert.ErrorCode);
        var replay = Assert.Single(detail.Timeline, e => e.Kind == "replay");
        Assert.Equal("apikey:ops", replay.Actor);
        Assert.Contains("handset was off", replay.Detail, StringComparison.Ordinal);
        Assert.Equal("ACME01", detail.SourceRecord["Supplier"]);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostJsonAsync($"/api/alerts/{id}/replay", new ReplayRequest("again"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostJsonAsync($"/api/alerts/{id}/replay", new ReplayRequest(" "))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/alerts/999", Ct)).StatusCode);
    }

    [Fact]
    public async Task Replay_ViewerKey_IsForbidden()
    {
        await using var app = OperatorApiApplication.Create();
        var id = await OperatorSeed.AlertAsync(app.Services, OperatorApiApplication.Phone);
        var client = app.ClientWithKey(await app.ApiKeyAsync("dash", OperatorRoles.Viewer));

        var replay = await client.PostJsonAsync($"/api/alerts/{id}/replay", new ReplayRequest("try"));
        var pause = await client.PostJsonAsync("/api/rules/po-submitted/pause", new PauseRequest("try"));

        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, pause.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/alerts/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task List_ByPhoneStateAndRule_FindsOnlyMatches()
    {
        await using var app = OperatorApiApplication.Create();
        var wanted = await OperatorSeed.AlertAsync(app.Services, "+15550100009");
        await OperatorSeed.AlertAsync(app.Services, OperatorApiApplication.Phone);
        await OperatorSeed.AlertAsync(app.Services, "+15550100009", AlertStates.Sent);
        var client = app.CreateClient();

        var byPhone = await client.GetFromJsonAsync<AlertPage>("/api/alerts?phone=(555) 010-0009&state=failed", Ct);
        var byRule = await client.GetFromJsonAsync<AlertPage>("/api/alerts?rule=nothing", Ct);
        var paged = await client.GetFromJsonAsync<AlertPage>("/api/alerts?pageSize=2&page=2", Ct);

        Assert.Equal(wanted, Assert.Single(byPhone!.Items).Id);
        Assert.Equal(0, byRule!.Total);
        Assert.Single(paged!.Items);
        Assert.Equal(3, paged.Total);
    }

    [Fact]
    public async Task List_ByRecordNumberWithoutPadding_PersonName_AndTextOfTheMessage_FindsOnlyMatches()
    {
        await using var app = OperatorApiApplication.Create();
        var order = await OperatorSeed.AlertAsync(app.Services, "+15550100009", sourceKey: "000000000150802");
        var line = await OperatorSeed.AlertAsync(app.Services, "+15550100009", sourceKey: "000000000150803|   1",
            body: "PO 150803 from Acme Sons awaits your approval");
        await OperatorSeed.AlertAsync(app.Services, "+15550100009", sourceKey: "000000001150802");
        var client = app.CreateClient();

        var byNumber = await client.GetFromJsonAsync<AlertPage>("/api/alerts?record=150802", Ct);
        var byPaddedNumber = await client.GetFromJsonAsync<AlertPage>("/api/alerts?record=%20%200150802", Ct);
        var byOrderOfALine = await client.GetFromJsonAsync<AlertPage>("/api/alerts?record=150803", Ct);
        var byPartOfANumber = await client.GetFromJsonAsync<AlertPage>("/api/alerts?record=50802", Ct);
        var byName = await client.GetFromJsonAsync<AlertPage>("/api/alerts?person=alex", Ct);
        var byUnknownName = await client.GetFromJsonAsync<AlertPage>("/api/alerts?person=zelda", Ct);
        var byText = await client.GetFromJsonAsync<AlertPage>("/api/alerts?text=ACME%20sons", Ct);
        var byTextAndRecord = await client.GetFromJsonAsync<AlertPage>("/api/alerts?text=approval&record=150802", Ct);
        var byMissingText = await client.GetFromJsonAsync<AlertPage>("/api/alerts?text=nowhere", Ct);

        Assert.Equal(order, Assert.Single(byNumber!.Items).Id);
        Assert.Equal(order, Assert.Single(byPaddedNumber!.Items).Id);
        Assert.Equal(line, Assert.Single(byOrderOfALine!.Items).Id);
        Assert.Equal(0, byPartOfANumber!.Total);
        Assert.Equal(3, byName!.Total);
        Assert.Equal(0, byUnknownName!.Total);
        Assert.Equal(line, Assert.Single(byText!.Items).Id); // the encrypted text, any case
        Assert.Equal(order, Assert.Single(byTextAndRecord!.Items).Id);
        Assert.Equal(0, byMissingText!.Total);
    }

    [Fact]
    public async Task BulkReplay_FailedSince_RequeuesEveryFailedAlert()
    {
        await using var app = OperatorApiApplication.Create();
        await OperatorSeed.AlertAsync(app.Services, OperatorApiApplication.Phone);
        await OperatorSeed.AlertAsync(app.Services, OperatorApiApplication.Phone, sourceKey: "PO-000124");
        await OperatorSeed.AlertAsync(app.Services, OperatorApiApplication.Phone, AlertStates.Delivered, sourceKey: "PO-000125");
        var client = app.CreateClient();

        var response = await client.PostJsonAsync("/api/alerts/replay-failed", new BulkReplayRequest(DateTimeOffset.UnixEpoch, "Twilio outage"));

        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<BulkReplayResult>(Ct))!.Replayed);
        var failed = await client.GetFromJsonAsync<AlertPage>("/api/alerts?state=failed", Ct);
        Assert.Equal(0, failed!.Total);
    }

    [Fact]
    public async Task Rules_PauseAndResume_ChangeStateAndAudit()
    {
        await using var app = OperatorApiApplication.Create();
        var client = app.CreateClient();

        var pause = await client.PostJsonAsync("/api/rules/po-submitted/pause", new PauseRequest("SYSPRO upgrade"));
        var paused = await client.GetFromJsonAsync<RuleStatus[]>("/api/rules", Ct);
        await client.PostJsonAsync("/api/rules/po-submitted/resume", new PauseRequest(null));
        var resumed = await client.GetFromJsonAsync<JsonElement>("/api/rules/po-submitted", Ct);
        var unknown = await client.PostJsonAsync("/api/rules/nope/pause", new PauseRequest(null));

        Assert.Equal(HttpStatusCode.NoContent, pause.StatusCode);
        Assert.True(Assert.Single(paused!, r => r.Id == "po-submitted").Paused);
        Assert.False(resumed.GetProperty("rule").GetProperty("paused").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var audit = await client.GetStringAsync("/api/audit/export?from=2000-01-01&to=2100-01-01&format=jsonl", Ct);
        Assert.Contains("\"kind\":\"rule-paused\"", audit, StringComparison.Ordinal);
        Assert.Contains("SYSPRO upgrade", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditExport_Csv_StreamsHeaderAndLinesWithoutPhoneNumbers()
    {
        await using var app = OperatorApiApplication.Create();
        await OperatorSeed.AlertAsync(app.Services, OperatorApiApplication.Phone);

        var response = await app.CreateClient().GetAsync("/api/audit/export?from=2000-01-01&to=2100-01-01&format=csv", Ct);
        var csv = await response.Content.ReadAsStringAsync(Ct);
        var bad = await app.CreateClient().GetAsync("/api/audit/export?from=2000-01-01&to=2100-01-01&format=xml", Ct);

        Assert.StartsWith("text/csv", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("id,company,alert_id,at,kind,actor,detail", csv, StringComparison.Ordinal);
        Assert.Contains(",detected,system,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("5550100001", csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheApi()
    {
        await using var app = OperatorApiApplication.Create();

        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/alerts", "/api/alerts/{id}", "/api/alerts/{id}/replay", "/api/alerts/replay-failed",
                     "/api/rules", "/api/rules/{id}/pause", "/api/rules/{id}/resume", "/api/audit/export" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }

    [Fact]
    public async Task HealthAndMetrics_ReportDatabaseAndAlertsByState()
    {
        await using var app = OperatorApiApplication.Create();
        await OperatorSeed.AlertAsync(app.Services, OperatorApiApplication.Phone);
        await app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
            .OfType<Telemetry.MetricsSampler>().Single().SampleAsync(Ct);
        var client = app.CreateClient();

        var ready = await client.GetAsync("/health/ready", Ct);
        var metrics = await client.GetStringAsync("/metrics", Ct);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("mlc_alerts{", metrics, StringComparison.Ordinal);
        Assert.Contains("state=\"failed\"", metrics, StringComparison.Ordinal);
        Assert.Contains("mlc_queue_depth", metrics, StringComparison.Ordinal);
    }
}
