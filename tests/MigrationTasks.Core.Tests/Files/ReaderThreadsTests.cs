using System.Collections.Concurrent;
using MigrationTasks.Files;

namespace MigrationTasks.Core.Tests.Files;

/// <summary>The loop that reads a folder's files on threads of its own, off the thread pool.</summary>
public sealed class ReaderThreadsTests
{
    [Test]
    public void Every_index_is_done_once()
    {
        var done = new int[1000];
        ReaderThreads.For(done.Length, 4, i => Interlocked.Increment(ref done[i]), CancellationToken.None);

        Assert.That(done, Is.All.EqualTo(1));
    }

    [Test]
    public void The_work_is_shared_with_threads_off_the_thread_pool()
    {
        var threads = new ConcurrentDictionary<int, bool>();
        using var bothStarted = new Barrier(2);
        ReaderThreads.For(2 * ReaderThreads.PerThread, 2, i =>
        {
            // Each index waits for another: finishing at all proves two threads ran them.
            Assert.That(bothStarted.SignalAndWait(TimeSpan.FromSeconds(10)), Is.True, "the two indices ran one after the other");
            threads[Environment.CurrentManagedThreadId] = Thread.CurrentThread.IsThreadPoolThread;
        }, CancellationToken.None);

        Assert.That(threads, Has.Count.EqualTo(2));
        Assert.That(threads.Values.Count(onPool => !onPool), Is.GreaterThanOrEqualTo(1), "the helper thread is not one of the pool's");
    }

    [Test]
    public void A_few_indices_are_done_on_the_callers_thread_alone()
    {
        var threads = new ConcurrentDictionary<int, bool>();
        ReaderThreads.For(ReaderThreads.PerThread * 2 - 1, 2, i =>
        {
            threads[Environment.CurrentManagedThreadId] = true;
            // Slow enough that a helper thread, had one been started, would take some of them.
            Thread.Sleep(1);
        }, CancellationToken.None);

        Assert.That(threads.Keys, Is.EqualTo(new[] { Environment.CurrentManagedThreadId }), "no helper thread was started for them");
    }

    [Test]
    public void An_exception_stops_the_loop_and_reaches_the_caller()
    {
        var started = 0;
        var thrown = Assert.Throws<InvalidOperationException>(() => ReaderThreads.For(10_000, 2, i =>
        {
            Interlocked.Increment(ref started);
            if (i == 0)
            {
                throw new InvalidOperationException("file 0");
            }

            Thread.Sleep(1);
        }, CancellationToken.None));

        Assert.That(thrown!.Message, Is.EqualTo("file 0"));
        Assert.That(started, Is.LessThan(100), "the other thread stopped taking files (10,000 would take 10 s)");
    }

    [Test]
    public void Cancellation_is_thrown_as_such()
    {
        using var cancel = new CancellationTokenSource();
        var after = 0;
        Assert.Throws<OperationCanceledException>(() => ReaderThreads.For(10_000, 2, i =>
        {
            if (i == 10)
            {
                cancel.Cancel();
            }
            else if (i > 20)
            {
                Interlocked.Increment(ref after);
            }
        }, cancel.Token));

        Assert.That(after, Is.LessThan(10_000 - 21));
    }
}
