using System;
using System.Management.Automation;
using RelayTools.Core.Diagnosis;

namespace RelayTools;

/// <summary>
/// Accepts an MTA name of the registry (any case) or nothing: a piped object whose Mta is null or unknown to
/// the caller still binds its other properties. The names come from the one MTA registry, not a list here.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateMtaNameAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        string? name = (arguments is PSObject ps ? ps.BaseObject : arguments)?.ToString();
        if (string.IsNullOrWhiteSpace(name) || MtaRegistry.Default.Normalize(name) is not null) { return; }
        throw new ValidationMetadataException($"'{name}' is not an MTA RelayTools knows; use one of: {string.Join(", ", MtaRegistry.Default.Names)}.");
    }
}
