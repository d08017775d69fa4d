using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MlConnector.Bench.Harness.Simulators;

/// <summary>One create request as the Twilio simulator saw it: when, its answer, and the text when it was accepted.</summary>
public sealed record CreateSeen(DateTimeOffset ReceivedAt, int HttpStatus, string? Body);

/// <summary>The Twilio simulator's inspection API (<c>/_sim/twilio</c>): the accepted messages with the simulator's own
/// timestamps, every create request with its status (for the 429s), and its rate limit.</summary>
public sealed class TwilioInspection(Uri root) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = root, Timeout = TimeSpan.FromMinutes(2) };

    public Uri ApiRoot => root;

    /// <summary>Accepted creates (outbound messages), oldest first.</summary>
    public async Task<IReadOnlyList<CreateSeen>> MessagesAsync(CancellationToken ct)
    {
        var list = await _http.GetFromJsonAsync<JsonArray>("_sim/twilio/messages", ct) ?? [];
        return [.. list.OfType<JsonObject>()
            .Where(m => (string?)m["direction"] == "outbound-api")
            .Select(m => new CreateSeen(m["receivedAt"]!.GetValue<DateTimeOffset>(), 201, (string?)m["body"]))
            .OrderBy(m => m.ReceivedAt)];
    }

    /// <summary>Every create request, whatever its answer.</summary>
    public async Task<IReadOnlyList<CreateSeen>> RequestsAsync(CancellationToken ct)
    {
        var list = await _http.GetFromJsonAsync<JsonArray>("_sim/twilio/requests", ct) ?? [];
        return [.. list.OfType<JsonObject>()
            .Select(r => new CreateSeen(r["receivedAt"]!.GetValue<DateTimeOffset>(), r["httpStatus"]!.GetValue<int>(), null))
            .OrderBy(r => r.ReceivedAt)];
    }

    /// <summary>Keeps the simulator's messages and create requests as JSON files, to read the texts after the run.</summary>
    public async Task SaveAsync(string pathWithoutExtension, CancellationToken ct)
    {
        await File.WriteAllTextAsync(pathWithoutExtension + "-messages.json", await _http.GetStringAsync("_sim/twilio/messages", ct), ct);
        await File.WriteAllTextAsync(pathWithoutExtension + "-requests.json", await _http.GetStringAsync("_sim/twilio/requests", ct), ct);
    }

    public async Task SetRateAsync(int perSecond, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync("_sim/twilio/rate", new { perSecond }, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The next <paramref name="count"/> Messages-create requests get a fault of <paramref name="kind"/>
    /// (tooManyRequests, serverErrorHtml, hang, acceptThenDrop, ...: docs/twilio.md).</summary>
    public async Task InjectFaultAsync(string kind, int count, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync("_sim/twilio/faults", new { kind, count, retryAfter = 1 }, ct);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();
}
