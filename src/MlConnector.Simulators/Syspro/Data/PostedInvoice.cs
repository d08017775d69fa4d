namespace MlConnector.Simulators.Syspro.Data;

/// <summary>What posting a supplier invoice wrote: the ApInvoice row and its GenTransaction rows (Source 'AP').</summary>
public sealed record PostedInvoice(ApInvoice Invoice, IReadOnlyList<GenTransaction> GlRows);
