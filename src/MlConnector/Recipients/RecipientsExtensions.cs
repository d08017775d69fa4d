using Microsoft.Extensions.Options;
using MlConnector.Security;
using MlConnector.Settings;

namespace MlConnector.Recipients;

/// <summary>The directory as configured, with the problems found in it (reported with the rules' at start-up).</summary>
public sealed class LoadedDirectory
{
    public LoadedDirectory(DirectoryOptions options)
    {
        Directory = new RecipientDirectory(options, out var errors);
        Errors = errors;
    }

    public RecipientDirectory Directory { get; }

    public IReadOnlyList<string> Errors { get; }
}

internal static class RecipientsExtensions
{
    /// <summary>The people who get texts (section <c>Directory</c>) and the opt-out list.</summary>
    public static IHostApplicationBuilder AddRecipients(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DirectoryOptions>().BindStrictly(DirectoryOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DirectoryOptions>, DirectoryOptionsValidator>();
        builder.Services.AddSingleton(sp => new LoadedDirectory(sp.GetRequiredService<IOptions<DirectoryOptions>>().Value));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<LoadedDirectory>().Directory);
        builder.Services.AddSingleton<OptOutList>();
        builder.Services.AddSingleton<QuietHours>();
        builder.Services.AddSealedColumn(new SealedColumn("opt_outs", ["sender_key", "phone_index"], "phone", OptOutList.PhonePurpose));
        return builder;
    }
}
