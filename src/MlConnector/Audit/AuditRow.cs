using MlConnector.Storage;

namespace MlConnector.Audit;

/// <summary>An audit row as Dapper reads it (property setters convert INTEGER/BIGINT alike on both dialects).</summary>
public sealed class AuditRow
{
    public const string Columns =
        "id AS Id, company_id AS CompanyId, alert_id AS AlertId, at AS At, kind AS Kind, actor AS Actor, detail AS Detail";

    public long Id { get; set; }
    public string CompanyId { get; set; } = "";
    public long? AlertId { get; set; }
    public long At { get; set; }
    public string Kind { get; set; } = "";
    public string Actor { get; set; } = "";
    public string? Detail { get; set; }
    public byte[]? SealedDetail { get; set; }

    public AuditLine ToLine() => new(Id, CompanyId, AlertId, UnixTime.FromStored(At), Kind, Actor, Detail);
}
