using System;
using System.Collections.Concurrent;
using System.Globalization;
using RelayTools.Core.Diagnosis;
using KbDiagnosis = RelayTools.Core.Diagnosis.Diagnosis;

namespace RelayTools.Core.Logs;

/// <summary>
/// Classifies a logged rejection with the one <see cref="ReplyClassifier"/>: the reply the server sent, as the
/// MTA that wrote the log, within the record's context (client address, sender, recipient, SASL user), so
/// that Get-RelayRejection, Resolve-SmtpReply and Test-SmtpRelay agree on the same reply.
/// </summary>
public static class RejectionDiagnosis
{
    // A log repeats the same few refusals; their category and first cause are classified once per wording.
    private const int CacheLimit = 4096;
    private static readonly ConcurrentDictionary<string, (string Category, string? TopCause)> Cache = new(StringComparer.Ordinal);

    /// <summary>The full diagnosis of a record: category, MTA and ranked causes whose Check and Fix name the record's values.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    public static KbDiagnosis For(RelayRejection record) => ReplyClassifier.Default.Classify(ObservationOf(record), ContextOf(record));

    /// <summary>Fills <see cref="RelayRejection.Category"/> and <see cref="RelayRejection.TopCause"/> of a parsed record.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    public static void Apply(RelayRejection record)
    {
        if (record is null) { throw new ArgumentNullException(nameof(record)); }
        string key = string.Join("|", record.Mta, record.ReplyCode?.ToString(CultureInfo.InvariantCulture), record.EnhancedStatusCode, TextOf(record));
        if (!Cache.TryGetValue(key, out (string Category, string? TopCause) verdict))
        {
            // The cause ranking does not depend on the record's values, only Check and Fix do: no context here.
            KbDiagnosis diagnosis = ReplyClassifier.Default.Classify(ObservationOf(record));
            verdict = (diagnosis.Category.ToString(), diagnosis.Causes.Length > 0 ? diagnosis.Causes[0].Id : null);
            if (Cache.Count < CacheLimit) { Cache[key] = verdict; }
        }

        record.Category = verdict.Category;
        record.TopCause = verdict.TopCause;
    }

    /// <summary>What the classifier is told about a record: the logged reply, written by the record's MTA.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    public static ReplyObservation ObservationOf(RelayRejection record)
    {
        if (record is null) { throw new ArgumentNullException(nameof(record)); }
        ReplyObservation observation = ReplyObservation.FromReply(record.ReplyCode, record.EnhancedStatusCode, TextOf(record));
        observation.LogSource = record.Mta;
        return observation;
    }

    /// <summary>The record's values that Check and Fix name (the logging host stands for the server).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    public static DiagnosisContext ContextOf(RelayRejection record)
    {
        if (record is null) { throw new ArgumentNullException(nameof(record)); }
        return new DiagnosisContext
        {
            Server = record.Host,
            ClientAddress = record.ClientAddress,
            Sender = record.Sender,
            Recipient = record.Recipient,
            UserName = record.SaslUser,
            Mta = record.Mta,
        };
    }

    // The reason without the recipient in front of it ("Relay access denied"), else the reply text.
    private static string TextOf(RelayRejection record) => record.Reason ?? record.ReplyText ?? "";
}
