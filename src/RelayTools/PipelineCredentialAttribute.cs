using System.Management.Automation;

namespace RelayTools;

/// <summary>
/// Like <see cref="CredentialAttribute"/> (a user name string prompts for the password), but lets
/// every other object through untouched. [Credential] throws on objects it cannot turn into a
/// PSCredential, which breaks pipeline binding: an object with UserName/Password properties piped in
/// must fall through to the by-property-name parameters instead of failing on -Credential.
/// </summary>
public sealed class PipelineCredentialAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value is string or null
            ? new CredentialAttribute().Transform(engineIntrinsics, inputData)
            : inputData;
    }
}
