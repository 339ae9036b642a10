namespace RelayTools.Core.OpenRelay;

/// <summary>The overall verdict of an open-relay audit.</summary>
public enum OpenRelayVerdict
{
    /// <summary>At least one address form was accepted for relay: the server is an open relay.</summary>
    Open,

    /// <summary>Every address form was refused.</summary>
    Closed,

    /// <summary>The audit could not decide: no connection, temporary failures, or forms left untested.</summary>
    Inconclusive,
}
