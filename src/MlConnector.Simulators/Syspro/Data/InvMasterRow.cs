namespace MlConnector.Simulators.Syspro.Data;

/// <summary>A stock item. Only the columns set here have values; the rest print as SYSPRO's empty defaults.</summary>
public sealed record InvMasterRow(string StockCode, IReadOnlyDictionary<string, object?> Values);
