namespace MlConnector.Simulators.Syspro.Control;

/// <summary>GET /_sim/syspro: what the simulator holds now.</summary>
public sealed record SysproStatus(
    DateTimeOffset Today, long RowVersion, int PurchaseOrders, int OpenSessions, int LogonCount,
    SysproFaultState Faults, int ScenarioSteps);

public sealed record SessionsStatus(int Open, int Logons);

public sealed record ApproveRequisitionRequest(string? Approver);

public sealed record PostInvoiceRequest(string Supplier, string Invoice, decimal Amount, string? Reference);

public sealed record CreateOrderRequest(string Supplier, string? Buyer, decimal Quantity, decimal Price);

/// <summary>PUT /_sim/syspro/faults: only the fields given change.</summary>
public sealed record FaultsRequest(int? LatencyMs, int? FailNext, int? FailForSeconds);
