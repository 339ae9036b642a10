using System.Runtime.CompilerServices;

namespace RelayTools.Core.Logs;

/// <summary>JIT hints for the code every log line or every rejection runs through.</summary>
internal static class JitHints
{
    /// <summary>
    /// MethodImplOptions.AggressiveOptimization (.NET Core 3+; .NET Framework ignores it): the method is
    /// compiled optimised at once, skipping the unoptimised and instrumented tiers. A single run over a
    /// big log otherwise spends much of its time in those tiers.
    /// </summary>
    public const MethodImplOptions Hot = (MethodImplOptions)512;
}
