using System.CommandLine;
using MlConnector.Bench.Harness.Setup;
using MlConnector.CrashTest;

// The crash test of issue 13 (bench/README.md): `dotnet run -c Release --project bench/MlConnector.CrashTest`
// kills the connector 100 times on SQLite; `-- --postgres "Host=...;Username=...;Password=..." --instances 2` runs two
// instances on a fresh PostgreSQL database and kills one of them each round.
var kills = new Option<int>("--kills") { Description = "SIGKILLs in the run (each followed by a restart).", DefaultValueFactory = _ => 100 };
var instances = new Option<int>("--instances") { Description = "Instances at once (more than one needs --postgres).", DefaultValueFactory = _ => 1 };
var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL server (a role that may create databases): the run uses a fresh database there." };
var changes = new Option<int>("--changes-per-kill") { Description = "Business changes per round (one of them while the instance is down).", DefaultValueFactory = _ => 8 };
var cadence = new Option<int>("--cadence") { Description = "Every rule's cadence, in seconds.", DefaultValueFactory = _ => 5 };
var life = new Option<double>("--max-life") { Description = "An instance lives up to this many seconds after it answers before it is killed.", DefaultValueFactory = _ => 10 };
var noFaults = new Option<bool>("--no-twilio-faults") { Description = "No injected Twilio faults (429, 5xx, hangs, accept-then-drop)." };
var seed = new Option<int>("--seed") { Description = "Seeds the random choices.", DefaultValueFactory = _ => 13 };
var scratch = new Option<string?>("--scratch") { Description = "Scratch folder for the published connector and the runs (default artifacts/crash)." };
var noPublish = new Option<bool>("--no-publish") { Description = "Use the ml-connector already published in the scratch folder." };

var root = new RootCommand("Kills ml-connector with SIGKILL at random moments while business events flow, restarts it, drains, and counts lost, duplicated, false and stuck texts.")
{
    kills, instances, postgres, changes, cadence, life, noFaults, seed, scratch, noPublish,
};
root.SetAction(async (result, ct) =>
{
    var plan = new CrashPlan(result.GetValue(kills), result.GetValue(instances), result.GetValue(postgres), result.GetValue(changes),
        result.GetValue(cadence), result.GetValue(life), !result.GetValue(noFaults), result.GetValue(seed));
    if (plan.Instances > 1 && plan.PostgresAdmin is null)
    {
        await Console.Error.WriteLineAsync("crash-test: --instances above 1 needs --postgres (instances share a PostgreSQL database).");
        return 64;
    }

    var workspace = Workspace.Locate(result.GetValue(scratch), "crash");
    if (!result.GetValue(noPublish) || !File.Exists(workspace.ConnectorExecutable))
    {
        await ConnectorPublisher.PublishAsync(workspace, ct);
    }

    var figures = await new CrashRun(workspace, plan).RunAsync(ct);
    Console.WriteLine();
    Console.WriteLine(figures.Summary);
    Console.WriteLine();
    Console.WriteLine(CrashFigures.TableHeader);
    Console.WriteLine(figures.TableRow);
    Directory.CreateDirectory(workspace.ResultsFolder);
    await File.AppendAllTextAsync(Path.Combine(workspace.ResultsFolder, "crash.md"), figures.TableRow + "\n", ct);
    return figures.Clean ? 0 : 1;
});

return await root.Parse(args).InvokeAsync();
