using System.IO;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;

namespace RelayTools.Core.Diagnosis;

// The shapes of the embedded JSON resources (Data/*.json). Read with the BCL's DataContractJsonSerializer,
// so the knowledge base needs no JSON package. Property names are the JSON names.

/// <summary>One entry of the enhanced status code registry (RFC 3463, IANA, vendor codes).</summary>
[DataContract]
internal sealed class StatusCodeEntry
{
    [DataMember] public string Code { get; set; } = "";
    [DataMember] public string Meaning { get; set; } = "";
    [DataMember] public string? Source { get; set; }
}

/// <summary>One basic reply code (RFC 5321, 4954, 3207, 7504).</summary>
[DataContract]
internal sealed class ReplyCodeEntry
{
    [DataMember] public int Code { get; set; }
    [DataMember] public string Meaning { get; set; } = "";
    [DataMember] public string? Source { get; set; }
}

[DataContract]
internal sealed class RegistryFile
{
    [DataMember] public StatusCodeEntry[]? StatusCodes { get; set; }
    [DataMember] public ReplyCodeEntry[]? ReplyCodes { get; set; }
}

/// <summary>Check and Fix of a cause for one MTA ("Any" for the generic advice).</summary>
[DataContract]
internal sealed class AdviceEntry
{
    [DataMember] public string Mta { get; set; } = "Any";
    [DataMember] public string Check { get; set; } = "";
    [DataMember] public string Fix { get; set; } = "";
}

[DataContract]
internal sealed class CauseEntry
{
    [DataMember] public string Id { get; set; } = "";
    [DataMember] public string Summary { get; set; } = "";
    [DataMember] public string[]? AppliesTo { get; set; }
    [DataMember] public AdviceEntry[]? Advice { get; set; }
}

[DataContract]
internal sealed class CategoryEntry
{
    [DataMember] public string Category { get; set; } = "";
    [DataMember] public string[]? Causes { get; set; }
    [DataMember] public string[]? DeadEnds { get; set; }
}

[DataContract]
internal sealed class CausesFile
{
    [DataMember] public CauseEntry[]? Causes { get; set; }
    [DataMember] public CategoryEntry[]? Categories { get; set; }
}

/// <summary>
/// A reply wording. Every field that is set must match: Reply (regex on the 3-digit code), Status (regex on
/// the enhanced code), Text (case-insensitive regex on the whole input). Patterns are tried in file order.
/// Definite: the wording names its cause, so the first cause stays first whatever the session facts say.
/// </summary>
[DataContract]
internal sealed class PatternEntry
{
    [DataMember] public string Id { get; set; } = "";
    [DataMember] public string? Mta { get; set; }
    [DataMember] public string Category { get; set; } = "";
    [DataMember] public string? Reply { get; set; }
    [DataMember] public string? Status { get; set; }
    [DataMember] public string? Text { get; set; }
    [DataMember] public string[]? Causes { get; set; }
    [DataMember] public bool Definite { get; set; }
    [DataMember] public string[]? Samples { get; set; }
}

[DataContract]
internal sealed class PatternsFile
{
    [DataMember] public PatternEntry[]? Patterns { get; set; }
}

/// <summary>One MTA or mail service of the registry (Data/mtas.json).</summary>
[DataContract]
internal sealed class MtaEntry
{
    [DataMember] public string Name { get; set; } = "";
    [DataMember] public string Kind { get; set; } = "";
    [DataMember] public string[]? Banner { get; set; }
    [DataMember] public string[]? Hosts { get; set; }
    [DataMember] public string[]? Wording { get; set; }
    [DataMember] public string[]? SharesWordingOf { get; set; }
}

[DataContract]
internal sealed class MtasFile
{
    [DataMember] public MtaEntry[]? Mtas { get; set; }
}

internal static class KnowledgeBaseData
{
    public static T Read<T>(Stream stream)
    {
        var serializer = new DataContractJsonSerializer(typeof(T));
        return (T)(serializer.ReadObject(stream) ?? throw new InvalidDataException($"Empty {typeof(T).Name}."));
    }
}
