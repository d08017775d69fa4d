using Microsoft.Extensions.Options;
using MlConnector.Recipients;
using MlConnector.Settings;
using MlConnector.Templates;

namespace MlConnector.Rules;

internal static class RulesExtensions
{
    /// <summary>The validated rules (checked before anything starts, with the recipient directory's problems).</summary>
    public static IHostApplicationBuilder AddRules(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RulesOptions>().BindStrictly(RulesOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton(sp => RuleSet.Load(
            sp.GetRequiredService<IOptions<RulesOptions>>().Value,
            sp.GetRequiredService<IRuleCompanies>(),
            sp.GetRequiredService<RecipientDirectory>(),
            sp.GetRequiredService<LoadedDirectory>().Errors,
            sp.GetRequiredService<TemplateRenderer>()));
        builder.Services.AddHostedService<ValidateRulesOnStartup>();
        return builder;
    }

    private sealed class ValidateRulesOnStartup(IServiceProvider services) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken)
        {
            _ = services.GetRequiredService<RuleSet>();
            return Task.CompletedTask;
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
