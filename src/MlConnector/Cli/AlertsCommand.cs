using System.CommandLine;
using System.Text.Json;
using MlConnector.Alerts;
using MlConnector.Site;

namespace MlConnector.Cli;

/// <summary><c>ml-connector alerts list | show</c>: the same queries as the dashboard, in the terminal.</summary>
internal static class AlertsCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var state = new Option<string?>("--state") { Description = string.Join(", ", AlertStates.All.SkipLast(1)) + " or " + AlertStates.All[^1] + "." };
        var rule = new Option<string?>("--rule") { Description = "A rule id." };
        var company = new Option<string?>("--company") { Description = "A company id." };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Created at or after (e.g. 2026-11-01 or 2026-11-01T08:00Z)." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Created before." };
        var phone = new Option<string?>("--phone") { Description = "The recipient's phone number (found through the blind index)." };
        var record = new Option<string?>("--record") { Description = "A SYSPRO record number, without its padding (150802 finds 000000000150802)." };
        var person = new Option<string?>("--person") { Description = "A person's name or id in the directory." };
        var text = new Option<string?>("--text") { Description = "Words in the message (the newest 5,000 alerts the other options select are searched)." };
        var page = new Option<int>("--page") { Description = "Page number.", DefaultValueFactory = _ => 1 };
        var pageSize = new Option<int>("--page-size") { Description = "Alerts per page (1-500).", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var list = new Command("list", "List alerts, newest first.") { state, rule, company, from, to, phone, record, person, text, page, pageSize, json }.Admin();
        list.SetAction((result, ct) => AdminHost.RunAsync(result, true, async services =>
        {
            var found = await services.GetRequiredService<AlertQueries>().ListAsync(new AlertFilter(
                result.GetValue(state), result.GetValue(rule), result.GetValue(company), result.GetValue(from), result.GetValue(to),
                result.GetValue(phone), result.GetValue(page), result.GetValue(pageSize), Record: result.GetValue(record),
                Person: result.GetValue(person), Text: result.GetValue(text)), ct);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(found, Json));
                return ExitCodes.Ok;
            }

            var times = services.GetRequiredService<SiteTime>();
            CliConsole.Out.WriteLine($"{"ID",8}  {"CREATED",-25}  {"RULE",-22}  {"RECORD",-16}  {"TO",-16}  {"STATE",-11}  ATTEMPTS");
            foreach (var a in found.Items)
            {
                CliConsole.Out.WriteLine($"{a.Id,8}  {times.Format(a.CreatedAt),-25}  {a.Rule,-22}  {RecordKeyText.Display(a.SourceKey),-16}  {a.Phone,-16}  {a.State,-11}  {a.Attempts}");
            }

            CliConsole.Out.WriteLine($"{found.Total} alert(s); page {found.Page} of {found.Pages}.");
            return ExitCodes.Ok;
        }, ct));

        var id = new Argument<long>("id") { Description = "The alert id." };
        var showJson = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var show = new Command("show", "One alert: body, source record and audit timeline. Exit 1 when there is no such alert.")
        {
            id, showJson,
        }.Admin();
        show.SetAction((result, ct) => AdminHost.RunAsync(result, true, async services =>
        {
            if (await services.GetRequiredService<AlertQueries>().GetAsync(result.GetValue(id), ct) is not { } detail)
            {
                await CliConsole.Error.WriteLineAsync($"alerts show: no alert {result.GetValue(id)}.");
                return ExitCodes.Failed;
            }

            CliConsole.Out.WriteLine(result.GetValue(showJson)
                ? JsonSerializer.Serialize(detail, Json)
                : Describe(detail, services.GetRequiredService<SiteTime>()));
            return ExitCodes.Ok;
        }, ct));

        return new Command("alerts", "Look at alerts.") { list, show };
    }

    private static string Describe(AlertDetail d, SiteTime times)
    {
        var a = d.Alert;
        var lines = new List<string>
        {
            $"Alert {a.Id}: {a.State} ({a.Attempts} attempt(s))",
            $"  rule {a.Rule}, company {a.Company}, record {a.SourceTable} {RecordKeyText.Display(a.SourceKey)} ({a.Transition})",
            $"  to {a.RecipientId} {a.Phone}",
            $"  twilio {a.MessageSid} {a.DeliveryStatus} {a.ErrorCode} {a.ErrorMessage}".TrimEnd(),
            "Body:", "  " + d.Body.Replace("\n", "\n  ", StringComparison.Ordinal),
            "Source record:",
        };
        lines.AddRange(d.SourceRecord.Select(kv => $"  {kv.Key} = {kv.Value}"));
        lines.Add("Timeline:");
        lines.AddRange(d.Timeline.Select(e => $"  {times.Format(e.At)}  {e.Kind,-16} {e.Actor,-16} {e.Detail}"));
        return string.Join(Environment.NewLine, lines);
    }
}
