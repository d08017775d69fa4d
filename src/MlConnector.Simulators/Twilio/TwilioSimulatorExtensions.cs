using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Simulators.Twilio.Calls;
using MlConnector.Simulators.Twilio.Phone;
using MlConnector.Simulators.Twilio.PhoneNumbers;
using MlConnector.Simulators.Twilio.Usage;
using MlConnector.Simulators.Twilio.Verify;

namespace MlConnector.Simulators.Twilio;

/// <summary>Composition of the Twilio simulator into any WebApplication (standalone, the demo, tests).</summary>
public static class TwilioSimulatorExtensions
{
    /// <summary>
    /// Registers the simulator's state, callback machinery and a <see cref="TimeProvider"/> (the system clock unless
    /// one is registered already: register a FakeTimeProvider first to share it with the connector).
    /// </summary>
    public static IServiceCollection AddTwilioSimulator(this IServiceCollection services, TwilioSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(sp => new TwilioSimulatorState(options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CallbackSender>();
        services.AddHostedService(sp => sp.GetRequiredService<CallbackSender>());
        services.AddSingleton<StatusCallbackScheduler>();
        services.AddSingleton<InboundSmsInjector>();
        services.AddSingleton<PhoneNumberStore>();
        services.AddSingleton<CallStore>();
        services.AddSingleton<CallEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<CallEngine>());
        services.AddSingleton<VerifyStore>();
        services.AddSingleton<UsageCalculator>();
        return services;
    }

    /// <summary>
    /// Maps the Twilio REST routes of every product (api: /2010-04-01/..., verify: /v2/..., messaging: /v1/..., each
    /// also under its product prefix, see <see cref="TwilioSimulatorAddress"/>) and the control routes (/_sim/twilio/...).
    /// </summary>
    public static IEndpointRouteBuilder MapTwilioSimulator(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMessagesApi();
        endpoints.MapCallsApi();
        endpoints.MapVerifyApi();
        endpoints.MapIncomingPhoneNumbersApi();
        endpoints.MapMessagingServicesApi();
        endpoints.MapUsageApi();
        endpoints.MapTwilioControlApi();
        endpoints.MapCallsControlApi();
        endpoints.MapVerifyControlApi();
        endpoints.MapPhoneNumbersControlApi();
        endpoints.MapPhoneView();
        return endpoints;
    }
}
