using Microsoft.AspNetCore.Http;

namespace MlConnector.Simulators.Twilio;

/// <summary>
/// GET Messages.json: filters To, From, DateSent (a GMT day), <c>DateSent&lt;</c> and <c>DateSent&gt;</c> (written
/// <c>DateSent&lt;=</c> / <c>DateSent&gt;=</c> in Twilio's docs; both bounds inclusive, a bare day meaning all of it),
/// newest first, paged with Twilio's envelope. A message not yet sent is filtered on its creation time, so an
/// "in doubt" create can be reconciled before its sent callback. Paged by <see cref="ListPage"/>.
/// </summary>
internal static class MessageList
{
    public static IResult Read(HttpRequest request, string accountSid, TwilioSimulatorState state)
    {
        var q = request.Query;
        var day = DateFilter.Parse(q["DateSent"]);
        var before = DateFilter.Parse(q["DateSent<"]);
        var after = DateFilter.Parse(q["DateSent>"]);
        var filtered = state.Messages.Reverse()
            .Where(m => Matches(q["To"], m.To) && Matches(q["From"], m.From))
            .Where(m => DateFilter.Within(m.DateSent ?? m.ReceivedAt, day, before, after))
            .ToList();

        return ListPage.Json(request, $"/2010-04-01/Accounts/{accountSid}/Messages.json", "messages", filtered,
            m => m.Sid, m => TwilioJson.Message(accountSid, m));
    }

    private static bool Matches(string? filter, string? value) => string.IsNullOrEmpty(filter) || filter == value;
}
