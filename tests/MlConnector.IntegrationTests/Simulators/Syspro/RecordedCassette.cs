using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MlConnector.IntegrationTests.Simulators.Syspro;

/// <summary>A VCR cassette from shared/specs/syspro-recorded: real exchanges with a SYSPRO 7 e.net REST server.</summary>
public sealed class RecordedCassette
{
    public List<Interaction> HttpInteractions { get; set; } = [];

    /// <summary>shared/specs/syspro-recorded, found beside the repository root (the folder with MlConnector.slnx).</summary>
    public static string Folder => RepositoryPaths.Spec("syspro-recorded");

    public static RecordedCassette Load(string fileName)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .IgnoreUnmatchedProperties()
            .Build();
        return deserializer.Deserialize<RecordedCassette>(File.ReadAllText(Path.Combine(Folder, fileName)));
    }

    public sealed class Interaction
    {
        public RecordedRequest Request { get; set; } = new();

        public RecordedResponse Response { get; set; } = new();
    }

    public sealed class RecordedRequest
    {
        public string Method { get; set; } = "";

        public string Uri { get; set; } = "";
    }

    public sealed class RecordedResponse
    {
        public RecordedStatus Status { get; set; } = new();

        [YamlMember(Alias = "headers")]
        public Dictionary<string, List<string>> Headers { get; set; } = [];

        public RecordedBody Body { get; set; } = new();
    }

    public sealed class RecordedStatus
    {
        public int Code { get; set; }
    }

    public sealed class RecordedBody
    {
        [YamlMember(Alias = "string")]
        public string Text { get; set; } = "";
    }
}
