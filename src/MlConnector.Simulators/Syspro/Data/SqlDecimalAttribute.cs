namespace MlConnector.Simulators.Syspro.Data;

/// <summary>
/// The SQL <c>decimal(precision, scale)</c> of a numeric column. e.net pads numbers to this width
/// (<c>dec(18,6)</c> prints as 19 characters: <c>"           1.000000"</c>), so the formatter needs it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SqlDecimalAttribute(int precision, int scale) : Attribute
{
    public int Precision { get; } = precision;

    public int Scale { get; } = scale;
}
