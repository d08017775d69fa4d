using System.ComponentModel.DataAnnotations;

namespace MlConnector.Simulators.Syspro.Data;

/// <summary>Buyer code to person (syspro.md section 3, S12).</summary>
public sealed record InvBuyer
{
    [Key]
    public required string Buyer { get; init; }

    public string Name { get; init; } = "";

    public string Email { get; init; } = "";

    public long TimeStamp { get; init; }
}
