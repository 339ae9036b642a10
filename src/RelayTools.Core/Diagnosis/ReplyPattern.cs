using System;
using System.Linq;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Diagnosis;

/// <summary>A compiled reply wording of the knowledge base.</summary>
internal sealed class ReplyPattern
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);
    private readonly Regex? _reply;
    private readonly Regex? _status;
    private readonly Regex? _text;

    public ReplyPattern(PatternEntry entry, FailureCategory category)
    {
        Id = entry.Id;
        Mta = entry.Mta;
        Category = category;
        CauseIds = (entry.Causes ?? []).ToArray();
        Definite = entry.Definite;
        Samples = (entry.Samples ?? []).ToArray();
        if (entry.Reply is null && entry.Status is null && entry.Text is null)
        {
            throw new System.IO.InvalidDataException($"Pattern {entry.Id} has neither Reply, Status nor Text.");
        }

        _reply = entry.Reply is null ? null : new Regex("^(?:" + entry.Reply + ")$", RegexOptions.CultureInvariant, Timeout);
        _status = entry.Status is null ? null : new Regex("^(?:" + entry.Status + ")$", RegexOptions.CultureInvariant, Timeout);
        _text = entry.Text is null ? null : new Regex(entry.Text, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, Timeout);
    }

    public string Id { get; }

    public string? Mta { get; }

    public FailureCategory Category { get; }

    public string[] CauseIds { get; }

    /// <summary>The wording names its cause: the first cause stays first whatever the session facts say.</summary>
    public bool Definite { get; }

    public string[] Samples { get; }

    public bool IsMatch(int? replyCode, string? enhancedStatusCode, string text)
    {
        if (_reply is not null && (replyCode is null || !_reply.IsMatch(replyCode.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))) { return false; }
        if (_status is not null && (enhancedStatusCode is null || !_status.IsMatch(enhancedStatusCode))) { return false; }
        return _text is null || _text.IsMatch(text);
    }
}
