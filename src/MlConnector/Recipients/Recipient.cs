namespace MlConnector.Recipients;

/// <summary>A person a text goes to, with the phone in E.164.</summary>
public sealed record Recipient(string Id, string Name, string Phone);
