using System.CommandLine;
using MlConnector.PeerComparison;
using MlConnector.PeerComparison.Report;
using MlConnector.PeerComparison.Setup;
using MlConnector.Bench.Harness.Setup;

// The peer comparison of issue 15 (bench/README.md): `dotnet run -c Release --project bench/MlConnector.PeerComparison`
// runs the full comparison, `-- --quick` a short check of the tool, `-- million` the 1,000,000-PO step alone,
// `-- send` the send-rate steps alone.
var quick = new Option<bool>("--quick") { Description = "Short idle windows, 10 changes, 200 alerts per send step (checks the tool; not for the record)." };
var scratch = new Option<string?>("--scratch") { Description = "Scratch folder for Node-RED, the published connector, run data and results (default artifacts/peer)." };
var noPublish = new Option<bool>("--no-publish") { Description = "Use the ml-connector already published in the scratch folder." };

var root = new RootCommand("Compares ml-connector with an equivalent Node-RED 4.1.8 flow side by side (issue 15) and prints the table.")
{
    quick, scratch, noPublish,
};
root.SetAction((result, ct) => RunAsync(result.GetValue(quick) ? ComparisonPlan.Quick : ComparisonPlan.Full, result.GetValue(scratch), result.GetValue(noPublish), ct));

var orders = new Option<int>("--purchase-orders") { Description = "Table size of the step (to check the command on a smaller table).", DefaultValueFactory = _ => 1_000_000 };
var million = new Command("million", "The 1,000,000-PO step alone: peak RSS and poll times of both sides (its own time cap).") { scratch, noPublish, orders };
million.SetAction((result, ct) => RunAsync(ComparisonPlan.Million(result.GetValue(orders)), result.GetValue(scratch), result.GetValue(noPublish), ct));
root.Subcommands.Add(million);

var send = new Command("send", "The send-rate steps alone: 1,000 texts at 10/s, then at 50/s (rate and 429s of both sides).") { scratch, noPublish };
send.SetAction((result, ct) => RunAsync(ComparisonPlan.SendRates, result.GetValue(scratch), result.GetValue(noPublish), ct));
root.Subcommands.Add(send);

return await root.Parse(args).InvokeAsync();

static async Task<int> RunAsync(ComparisonPlan plan, string? scratchFolder, bool skipPublish, CancellationToken ct)
{
    var workspace = Workspace.Locate(scratchFolder, "peer");
    if (!skipPublish || !File.Exists(workspace.ConnectorExecutable))
    {
        await ConnectorPublisher.PublishAsync(workspace, ct);
    }

    await NodeRedInstaller.InstallAsync(workspace, ct);
    var figures = await new Comparison(workspace, plan).RunAsync(ct);
    var markdown = ReportWriter.Markdown(figures);
    Directory.CreateDirectory(workspace.ResultsFolder);
    var output = Path.Combine(workspace.ResultsFolder, $"peer-{plan.Mode}-{figures.StartedAt:yyyyMMdd-HHmm}.md");
    await File.WriteAllTextAsync(output, markdown, ct);
    Console.WriteLine();
    Console.WriteLine(markdown);
    Console.WriteLine($"Written to {output}");
    return 0;
}
