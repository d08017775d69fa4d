using MlConnector.Rules;

namespace MlConnector.Cli.Init;

/// <summary>What the command line of <c>init</c> gave: answers (used without asking), and how to run.</summary>
internal sealed class InitArguments
{
    /// <summary>The answers given as options; a null or empty one is asked (or, with --yes, defaulted or refused).</summary>
    public SetupAnswers Given { get; init; } = new();

    /// <summary>Raw <c>--person</c>, <c>--route</c> and <c>--preset</c> values, parsed by the wizard (which knows the region).</summary>
    public IReadOnlyList<string> People { get; init; } = [];
    public IReadOnlyList<string> Routes { get; init; } = [];
    public IReadOnlyList<string> Presets { get; init; } = [];

    public SysproTransport? Transport { get; init; }
    public string? Region { get; init; }
    public bool? SetInboundUrl { get; init; }

    /// <summary>Never ask: every answer comes from an option or its default (for scripts).</summary>
    public bool Yes { get; init; }

    /// <summary>Write the files without testing SYSPRO and Twilio (an offline install).</summary>
    public bool SkipChecks { get; init; }

    /// <summary>Replace existing files.</summary>
    public bool Force { get; init; }

    public string Output { get; init; } = "settings.json";

    /// <summary>The environment file; null: <c>ml-connector.env</c> beside the settings file.</summary>
    public string? EnvFile { get; init; }

    public string SettingsPath => Path.GetFullPath(Output);

    public string EnvPath => Path.GetFullPath(EnvFile ?? Path.Combine(Path.GetDirectoryName(SettingsPath)!, "ml-connector.env"));
}
