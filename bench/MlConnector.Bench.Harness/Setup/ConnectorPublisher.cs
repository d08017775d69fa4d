namespace MlConnector.Bench.Harness.Setup;

/// <summary><c>dotnet publish src/MlConnector -c Release</c> into the scratch folder: the connector is measured as it
/// ships (the published <c>ml-connector run</c> process), and the simulators come from the same executable.</summary>
public static class ConnectorPublisher
{
    public static async Task PublishAsync(Workspace workspace, CancellationToken ct)
    {
        Console.WriteLine($"Publishing ml-connector (Release) to {workspace.PublishFolder} ...");
        await Tools.RunAsync("dotnet",
            ["publish", Path.Combine(workspace.Repository, "src", "MlConnector"), "-c", "Release", "-o", workspace.PublishFolder, "--nologo", "-v", "quiet"],
            workspace.Repository, ct);
    }
}
