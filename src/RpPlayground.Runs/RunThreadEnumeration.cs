namespace RpPlayground.Runs;

/// <summary>
/// Walks a method's frames on the calling run thread. The methods complete synchronously (they never hop threads, see
/// <c>IExplanationMethod</c>), so waiting on each step here blocks nothing but the run thread that owns the work.
/// </summary>
public static class RunThreadEnumeration
{
    public static void ForEach<T>(IAsyncEnumerable<T> items, Action<T> each, CancellationToken cancellation)
    {
        var enumerator = items.GetAsyncEnumerator(cancellation);
        try
        {
            while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult()) each(enumerator.Current);
        }
        finally
        {
            enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
