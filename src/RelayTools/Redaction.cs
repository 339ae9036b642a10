namespace RelayTools;

/// <summary>Shortens secrets-bearing input before it becomes an error target or a verbose message.</summary>
internal static class Redaction
{
    /// <summary>
    /// A SASL token is a password in base64: show only enough to tell inputs apart.
    /// </summary>
    public static string Token(string? token)
    {
        string text = token ?? "";
        return text.Length <= 8 ? $"<{text.Length} characters>" : $"{text.Substring(0, 4)}… <{text.Length} characters>";
    }
}
