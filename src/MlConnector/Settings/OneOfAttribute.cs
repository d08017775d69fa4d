namespace MlConnector.Settings;

/// <summary>A text setting (or each item of a list setting) that takes one of a few words, compared without regard to
/// case: the strict check suggests the nearest for a slip, and the JSON Schema lists them.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OneOfAttribute(params string[] values) : Attribute
{
    public IReadOnlyList<string> Values { get; } = values;
}
