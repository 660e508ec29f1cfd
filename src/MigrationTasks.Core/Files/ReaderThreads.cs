using System.Runtime.ExceptionServices;

namespace MigrationTasks.Files;

/// <summary>
/// Runs a body over the indices of a folder's files on threads of its own rather than the thread pool's.
/// The runner reads its folder while it connects, and the connection's continuations run on the thread
/// pool: a parallel loop over all cores filled the pool of a two-core machine and held the connection back
/// until the files were read, so the runner read on one core only. Threads of its own leave the pool to the
/// connection and let the operating system share every core between the two.
/// </summary>
internal static class ReaderThreads
{
    /// <summary>
    /// The indices each thread, the caller's included, is given at the least: a helper thread starts from twice as many.
    /// Starting one costs more than reading a few small files (the starting thread spins until the new one runs, which
    /// on a busy two-core machine takes a while), so a folder of a few dozen files is read on the caller's thread alone.
    /// </summary>
    internal const int PerThread = 32;

    /// <param name="count">How many indices.</param>
    /// <param name="maxParallelism">How many threads at most, the caller's included; -1 for one per core. One per <see cref="PerThread"/> indices.</param>
    /// <param name="body">The work for one index; its exceptions stop the loop and are thrown by this call.</param>
    /// <param name="cancellationToken">Checked before each index; cancellation throws <see cref="OperationCanceledException"/>.</param>
    public static void For(int count, int maxParallelism, Action<int> body, CancellationToken cancellationToken)
    {
        var threads = Math.Clamp(count / PerThread, 1, maxParallelism > 0 ? maxParallelism : Environment.ProcessorCount);
        var next = -1;
        ExceptionDispatchInfo? failure = null;

        void Work()
        {
            try
            {
                int i;
                while (Volatile.Read(ref failure) is null && (i = Interlocked.Increment(ref next)) < count)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    body(i);
                }
            }
#pragma warning disable CA1031 // Rethrown on the caller's thread below, with its stack trace.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
            }
        }

        var helpers = new Thread[Math.Max(0, threads - 1)];
        for (var t = 0; t < helpers.Length; t++)
        {
            helpers[t] = new Thread(Work) { IsBackground = true, Name = "migrations reader" };
            helpers[t].Start();
        }

        Work();
        foreach (var helper in helpers)
        {
            helper.Join();
        }

        failure?.Throw();
    }
}
