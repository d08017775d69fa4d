using MlConnector.Detection;
using MlConnector.Rules;
using MlConnector.Security;
using MlConnector.Storage;
using MlConnector.Syspro;

namespace MlConnector.Hosting;

/// <summary>
/// The one host builder behind <c>run</c>, <c>demo</c> and the tests: a table of contents of the features.
/// </summary>
public static class ConnectorHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddConnectorDefaults(args);

        // Storage first: its migrations run before any feature reads the database.
        builder.AddStorage();
        builder.AddSecurity();
        builder.AddSyspro();
        builder.AddRules();
        builder.AddDetection();
        customize?.Invoke(builder);

        var app = builder.Build();
        app.MapHealth();
        return app;
    }
}
