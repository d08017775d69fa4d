using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OData;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Simulators.Syspro.Control;
using MlConnector.Simulators.Syspro.Data;
using MlConnector.Simulators.Syspro.Enet;
using MlConnector.Simulators.Syspro.OData;
using MlConnector.Simulators.Syspro.Requests;
using MlConnector.Simulators.Syspro.Schema;

namespace MlConnector.Simulators.Syspro;

/// <summary>Composable pieces for hosting the SYSPRO simulator inside any ASP.NET Core app.</summary>
public static class SysproSimulatorExtensions
{
    /// <summary>
    /// Registers the data, sessions, faults, scenario driver and OData (MVC controllers with a route component at
    /// <see cref="SysproSimulatorOptions.ODataRoute"/>). Uses the app's <see cref="TimeProvider"/> when one is registered.
    /// </summary>
    public static IServiceCollection AddSysproSimulator(this IServiceCollection services, SysproSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        var schema = new SysproSchema(options);
        var model = SysproEdmModel.Build(schema);
        services.AddSingleton(schema);
        services.AddSingleton(new SysproODataModel(model));
        services.AddSingleton<ODataServices>();
        services.AddSingleton<SysproData>();
        services.AddSingleton<EnetSessions>();
        services.AddSingleton<EnetCatalog>();
        services.AddSingleton<EnetContext>();
        services.AddSingleton<SysproFaults>();
        services.AddSingleton<SysproRequestFilter>();
        services.AddSingleton<SysproRequestCounter>();
        services.AddSingleton<SysproPagingHooks>();
        services.AddSingleton<SysproBadAnswers>();
        services.AddSingleton<ODataBasicAuthFilter>();
        services.AddSingleton<SysproScenarioDriver>();
        if (options.RunScenario)
        {
            services.AddHostedService(sp => sp.GetRequiredService<SysproScenarioDriver>());
        }

        services.AddControllers()
            .ConfigureApplicationPartManager(m => m.FeatureProviders.Add(new SysproControllerFeatureProvider()))
            .AddOData(o => o.EnableQueryFeatures(maxTopValue: null)
                .AddRouteComponents(options.ODataRoute, model));
        return services;
    }

    /// <summary>Maps e.net REST, the control API under <c>/_sim/syspro</c> and the OData controllers.</summary>
    public static IEndpointRouteBuilder MapSysproSimulator(this IEndpointRouteBuilder endpoints)
    {
        EnetEndpoints.MapEnet(endpoints);
        SysproControlEndpoints.MapControl(endpoints);
        endpoints.MapControllers();
        var schema = endpoints.ServiceProvider.GetRequiredService<SysproSchema>();
        if (schema.UntypedColumns.Count > 0)
        {
            var options = endpoints.ServiceProvider.GetRequiredService<SysproSimulatorOptions>();
            var model = endpoints.ServiceProvider.GetRequiredService<SysproODataModel>().Model;
            PartialMetadata.Map(endpoints, options.ODataRoute, model, schema);
        }

        return endpoints;
    }
}
