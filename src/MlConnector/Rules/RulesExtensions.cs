using Microsoft.Extensions.Options;
using MlConnector.Recipients;
using MlConnector.Syspro;
using MlConnector.Templates;

namespace MlConnector.Rules;

internal static class RulesExtensions
{
    /// <summary>The recipient directory, the templates and the validated rules (checked before anything starts).</summary>
    public static IHostApplicationBuilder AddRules(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DirectoryOptions>().BindConfiguration(DirectoryOptions.SectionName);
        builder.Services.AddSingleton<TemplateRenderer>();
        builder.Services.AddSingleton(sp => new DirectoryWithErrors(
            sp.GetRequiredService<IOptions<DirectoryOptions>>().Value));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<DirectoryWithErrors>().Directory);
        builder.Services.AddSingleton(sp => RuleSet.Load(
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<SysproCompanies>(),
            sp.GetRequiredService<RecipientDirectory>(),
            sp.GetRequiredService<DirectoryWithErrors>().Errors,
            sp.GetRequiredService<TemplateRenderer>()));
        builder.Services.AddHostedService<ValidateRulesOnStartup>();
        return builder;
    }

    private sealed class DirectoryWithErrors
    {
        public DirectoryWithErrors(DirectoryOptions options)
        {
            Directory = new RecipientDirectory(options, out var errors);
            Errors = errors;
        }

        public RecipientDirectory Directory { get; }

        public IReadOnlyList<string> Errors { get; }
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
