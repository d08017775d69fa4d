using System.ComponentModel.DataAnnotations;

namespace MlConnector.Simulators.Syspro.Data;

/// <summary>Supplier master (syspro.md section 3).</summary>
public sealed record ApSupplier
{
    [Key]
    public required string Supplier { get; init; }

    public required string SupplierName { get; init; }

    public string SupShortName { get; init; } = "";

    public string SupplierClass { get; init; } = "";

    public string Branch { get; init; } = "";

    public string Telephone { get; init; } = "";

    public string Contact { get; init; } = "";

    public string Email { get; init; } = "";

    public string Currency { get; init; } = "USD";

    [SqlDecimal(14, 2)]
    public decimal CurrentBalance { get; init; }

    public string TermsCode { get; init; } = "";

    public string OnHold { get; init; } = "N";

    public string RemitEmail { get; init; } = "";

    public long TimeStamp { get; init; }
}
