using System.Text.Json;
using MlConnector.Alerts;
using MlConnector.Audit;
using MlConnector.Common;
using MlConnector.Storage;
using MlConnector.Templates;

namespace MlConnector.Sms;

/// <summary>Sends a test text by enqueuing an alert (rule "test-sms"); the dispatcher sends it like any other.</summary>
public sealed class TestSms(IDbDialect dialect, AlertEnqueuer alerts, AlertQueries queries, TimeProvider time)
{
    public const string RuleId = "test-sms";
    public const string DefaultBody = "ml-connector test message: if you can read this, texts reach you.";

    /// <summary>The new alert id, or an error for a number that does not parse.</summary>
    public async Task<(long? AlertId, string? Error)> SendAsync(string phone, string? body, string actor, CancellationToken ct)
    {
        if (queries.NormalizePhone(phone) is not { } e164)
        {
            return (null, "That is not a phone number.");
        }

        var text = string.IsNullOrWhiteSpace(body) ? DefaultBody : body.Trim();
        var (encoding, _, segments) = SmsSegments.Count(text);
        var now = time.GetUtcNow();
        // A test text has no record: a fresh value stands for its key and its fingerprint, so every test text is new.
        var unique = now.ToStored().ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var alert = new NewAlert("default", RuleId, "test", unique, "test", unique, actor, e164, text, segments,
            encoding.ToString(), null, Urgent: true); // sent now, whoever asked for it
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var id = await alerts.EnqueueAsync(connection, transaction, alert, new Dictionary<string, string?>(), now, ct);
        await AuditWriter.AppendAsync(connection, transaction, new AuditEntry("default", id, now, AuditKinds.TestSms, actor,
            JsonSerializer.Serialize(new { segments })), ct);
        await transaction.CommitAsync(ct);
        return (id, null);
    }
}
