namespace MlConnector.Syspro;

/// <summary>Reads e.net's answers: errors come back as HTTP 200 text (specs/syspro.md section 1.4).</summary>
internal static class EnetErrors
{
    public static bool IsSessionInvalid(string text) =>
        text.StartsWith("ERROR", StringComparison.OrdinalIgnoreCase) && text.Contains("UserID is invalid", StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws a <see cref="SysproException"/> naming the problem when the text is an error.</summary>
    public static void ThrowIfError(string text, string operation)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith("ERROR", StringComparison.OrdinalIgnoreCase))
        {
            var message = trimmed.Length > 6 ? trimmed[6..].Trim() : trimmed;
            var credential = message.Contains("password", StringComparison.OrdinalIgnoreCase)
                || message.Contains("operator", StringComparison.OrdinalIgnoreCase)
                || message.Contains("company", StringComparison.OrdinalIgnoreCase);
            throw new SysproException($"SYSPRO e.net {operation} failed: {message}", credential);
        }

        if (trimmed.StartsWith("e.net exception", StringComparison.OrdinalIgnoreCase))
        {
            throw new SysproException(
                $"SYSPRO e.net {operation} failed with '{trimmed.Split('\n')[0].Trim()}': the business object is not registered or not licensed for this operator.");
        }

        var start = trimmed.IndexOf("<ErrorDescription>", StringComparison.OrdinalIgnoreCase);
        if (start >= 0)
        {
            var end = trimmed.IndexOf("</ErrorDescription>", start, StringComparison.OrdinalIgnoreCase);
            var description = end > start ? trimmed[(start + 18)..end] : "(no description)";
            throw new SysproException($"SYSPRO e.net {operation} reported: {description.Trim()}");
        }
    }
}
