namespace MlConnector.Simulators.Syspro.Enet;

internal enum EnetColumnKind
{
    Text,
    Date,
    Number,
}

/// <summary>One column as e.net sees it: how to read it from a row and how SYSPRO prints it.</summary>
internal sealed record EnetColumn(string Name, EnetColumnKind Kind, int Precision, int Scale, Func<object, object?> Get);
