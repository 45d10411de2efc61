using System.Collections.Concurrent;

namespace Warden.Recording;

/// <summary>
/// Dedicated threads for the file store's blocking writes and fsyncs. .NET has no asynchronous fsync, so
/// a durable append blocks its thread for the disk's flush time; on the shared thread pool that starved
/// everything else (relay pumps, grain turns) as soon as a few sessions appended at once, and the pool
/// grows only slowly. These threads spend their time asleep in the kernel, cost no CPU while they wait,
/// and let several sessions' fsyncs be in flight together, which the file system's journal commits as one.
/// </summary>
internal static class DiskThreads
{
    /// <summary>How many fsyncs may be in flight at once (ext4 and XFS batch concurrent ones into one journal commit).</summary>
    internal const int Count = 16;

    private static readonly BlockingCollection<WorkItem> Queue = StartThreads();

    /// <summary>Runs <paramref name="work"/> on a disk thread; the returned task completes off that thread.</summary>
    public static Task RunAsync(Action work)
    {
        var item = new WorkItem(work, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Queue.Add(item);
        return item.Completion.Task;
    }

    /// <summary>Runs <paramref name="work"/> on a disk thread and returns its result.</summary>
    public static async Task<T> RunAsync<T>(Func<T> work)
    {
        T result = default!;
        await RunAsync(() => { result = work(); }).ConfigureAwait(false);
        return result;
    }

    private static BlockingCollection<WorkItem> StartThreads()
    {
        var queue = new BlockingCollection<WorkItem>();
        for (var i = 0; i < Count; i++)
        {
            new Thread(() => Work(queue)) { IsBackground = true, Name = "warden-disk-" + i }.Start();
        }
        return queue;
    }

    private static void Work(BlockingCollection<WorkItem> queue)
    {
        foreach (var item in queue.GetConsumingEnumerable())
        {
            try
            {
                item.Work();
                item.Completion.SetResult();
            }
            catch (Exception e)
            {
                item.Completion.SetException(e);
            }
        }
    }

    private sealed record WorkItem(Action Work, TaskCompletionSource Completion);
}
