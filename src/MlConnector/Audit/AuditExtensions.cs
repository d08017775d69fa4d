using MlConnector.Security;

namespace MlConnector.Audit;

internal static class AuditExtensions
{
    /// <summary>The audit trail's reader and its encrypted column (for key rotation).</summary>
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSealedColumn(new SealedColumn("audit", "id", "sealed_detail", AuditWriter.SealedDetailPurpose));
        return builder;
    }
}
