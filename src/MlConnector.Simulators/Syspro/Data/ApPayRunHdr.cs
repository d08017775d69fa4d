using System.ComponentModel.DataAnnotations;

namespace MlConnector.Simulators.Syspro.Data;

/// <summary>
/// AP payment run header (docs/syspro.md, "Supplier payments"; columns from S7's payment-run reports). A run is
/// complete once its payment register has been produced, which the simulator marks with a non-zero
/// <see cref="ChRegister"/> (an inference: SYSPRO's own run status column is not known).
/// </summary>
public sealed record ApPayRunHdr
{
    /// <summary>varchar(15) in S7; digits zero-padded to 6 in the simulator (an assumption).</summary>
    [Key]
    public required string PaymentNumber { get; init; }

    public string Bank { get; init; } = "";

    public DateTimeOffset? PaymentDate { get; init; }

    [SqlDecimal(4, 0)]
    public int PayYear { get; init; }

    [SqlDecimal(2, 0)]
    public int PayMonth { get; init; }

    public string Operator { get; init; } = "";

    /// <summary>The payment (cheque) register number; 0 until the register is produced and the run is closed.</summary>
    [SqlDecimal(10, 0)]
    public int ChRegister { get; init; }

    public string Currency { get; init; } = "USD";

    public long TimeStamp { get; init; }
}
