using System;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;

namespace RelayTools;

/// <summary>
/// Lets -ClientCertificate take a certificate or a path. An X509Certificate2 (Get-PfxCertificate,
/// Get-Item Cert:\CurrentUser\My\...) passes as it is; a Cert:\ path becomes that certificate; a file path
/// (or a FileInfo) becomes its full file-system path, resolved against the current location. The file is
/// read later, in BeginProcessing, because its password is another parameter a transformation cannot see.
/// </summary>
public sealed class ClientCertificateTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            null => null,
            X509Certificate2 certificate => certificate,
            X509Certificate certificate => new X509Certificate2(certificate),
            FileInfo file => file.FullName,
            string path => Resolve(engineIntrinsics, path),
            _ => throw new ArgumentTransformationMetadataException(
                $"-ClientCertificate takes an X509Certificate2 or the path of a .pfx, .p12 or .pem file, not a {value.GetType().FullName}."),
        };
    }

    private static object Resolve(EngineIntrinsics engine, string path)
    {
        try
        {
            string full = engine.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out _);
            if (provider.ImplementingType == typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
            {
                return full;
            }

            Collection<PSObject> items = engine.InvokeProvider.Item.Get([path], false, true);
            if (items.Count == 1 && items[0].BaseObject is X509Certificate2 certificate)
            {
                return certificate;
            }
        }
        catch (Exception ex) when (ex is SessionStateException or ProviderInvocationException or NotSupportedException or ArgumentException)
        {
            throw new ArgumentTransformationMetadataException($"-ClientCertificate '{path}': {ex.Message}", ex);
        }

        throw new ArgumentTransformationMetadataException($"-ClientCertificate '{path}' is neither a file nor a certificate of the Cert: drive.");
    }
}
