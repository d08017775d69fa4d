using MlConnector.Access;
using MlConnector.Acknowledgement;
using MlConnector.Alerts;
using MlConnector.Api;
using MlConnector.Audit;
using MlConnector.Dashboard;
using MlConnector.Detection;
using MlConnector.Outbox;
using MlConnector.Recipients;
using MlConnector.Rules;
using MlConnector.Security;
using MlConnector.Site;
using MlConnector.Sms;
using MlConnector.Storage;
using MlConnector.Syspro;
using MlConnector.Telemetry;
using MlConnector.Templates;
using MlConnector.Voice;
using MlConnector.Webhooks;

namespace MlConnector.Hosting;

/// <summary>
/// The one host builder behind <c>run</c>, <c>demo</c> and the tests: a table of contents of the features.
/// </summary>
public static class ConnectorHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        // Settings are read once, at start: nothing in the connector follows a changed file, and the host's default
        // watch of appsettings.json watches the whole working folder, so it woke on every write to a database kept there.
        var builder = WebApplication.CreateBuilder([.. args, $"--{HostingExtensions.ReloadOnChangeSetting}=false"]);
        builder.AddConnectorDefaults(args);

        // Storage first: its migrations run before any feature reads the database. Then the shared seams.
        builder.AddStorage();
        builder.AddSecurity();
        builder.AddAudit();
        builder.AddSite();
        builder.AddTemplates();
        builder.AddRecipients();
        builder.AddAlerts();

        // The data path: SYSPRO -> rules and detection -> outbox -> Twilio, and Twilio's webhooks back.
        builder.AddSyspro();
        builder.AddRules();
        builder.AddDetection();
        builder.AddSms();
        builder.AddOutbox();
        builder.AddWebhooks();
        builder.AddAcknowledgement();
        builder.AddVoice();

        // The operator surface: access control, API, dashboard and metrics.
        builder.AddServiceHosting();
        builder.AddOperatorAccess();
        builder.AddApi();
        builder.AddDashboard();
        builder.AddTelemetry();
        customize?.Invoke(builder);

        var app = builder.Build();
        app.MapHealth();
        app.MapTwilioWebhooks();
        app.UseOperatorAccess();
        app.MapApi();
        app.MapDashboard();
        app.MapTelemetry();
        return app;
    }
}
