using System.Globalization;

namespace MlConnector.CrashTest;

/// <summary>What a crash run found, as a console summary and a row of bench/README.md's table.</summary>
internal sealed record CrashFigures(
    CrashPlan Plan, DateTimeOffset StartedAt, int Events, CrashTally Texts, long Pending, long SentNotFinal, TimeSpan Duration, string Folder)
{
    public static string TableHeader =>
        "| Date | Store | Instances | Kills | Events | Expected texts | Received | Lost | Duplicated | False | Stuck (pending) | Sent, no final status | Twilio faults | Time |\n" +
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |";

    public string TableRow => string.Create(CultureInfo.InvariantCulture,
        $"| {StartedAt:yyyy-MM-dd} | {Plan.Store} | {Plan.Instances} | {Plan.Kills} | {Events} | {Texts.Expected} | {Texts.Received} | {Texts.Lost} | {Texts.Duplicated} | {Texts.Unexpected} | {Pending} | {SentNotFinal} | {(Plan.TwilioFaults ? "yes" : "no")} | {Duration:mm\\:ss} |");

    public bool Clean => Texts.Lost == 0 && Texts.Duplicated == 0 && Texts.Unexpected == 0 && Pending == 0;

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"events {Events}, expected texts {Texts.Expected}, texts received {Texts.Received}, lost {Texts.Lost}, duplicated {Texts.Duplicated}, false {Texts.Unexpected}, stuck {Pending} (and {SentNotFinal} sent without a final status)");
}
