namespace MlConnector.Settings;

/// <summary>A password, token or connection string: never echoed in a message, and kept out of settings files
/// (the JSON Schema says to give it as an environment variable).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
