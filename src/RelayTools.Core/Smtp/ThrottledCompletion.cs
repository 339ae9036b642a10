using System;

namespace RelayTools.Core.Smtp;

/// <summary>One finished work item of a <see cref="ThrottledRunner{TResult}"/>.</summary>
/// <typeparam name="TResult">What the work item returns.</typeparam>
public sealed class ThrottledCompletion<TResult>
{
    /// <summary>The tag given when the item was queued.</summary>
    public object? Tag { get; set; }

    /// <summary>The result, when the item succeeded.</summary>
    public TResult? Result { get; set; }

    /// <summary>The exception, when the item failed or was cancelled.</summary>
    public Exception? Error { get; set; }
}
