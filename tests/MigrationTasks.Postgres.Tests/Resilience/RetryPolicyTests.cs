using MigrationTasks.Postgres.Resilience;

namespace MigrationTasks.Postgres.Tests.Resilience;

public class RetryPolicyTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(5);

    private static RetryPolicy Policy(ManualTimeProvider clock, TimeSpan deadline, double jitter = 0)
        => new(deadline, Initial, Max, clock, new FixedRandom(jitter));

    private static Func<CancellationToken, Task<int>> FailingTimes(int failures, Func<Exception> error, Action<int>? onCall = null)
    {
        var calls = 0;
        return _ =>
        {
            calls++;
            onCall?.Invoke(calls);
            return calls <= failures ? Task.FromException<int>(error()) : Task.FromResult(calls);
        };
    }

    [Test]
    public async Task First_success_returns_without_waiting()
    {
        var clock = new ManualTimeProvider();
        var retries = new List<RetryAttempt>();

        var result = await Policy(clock, TimeSpan.FromSeconds(10)).ExecuteAsync(FailingTimes(0, () => new TimeoutException()), _ => true, retries.Add, CancellationToken.None);

        Assert.That(result, Is.EqualTo(1));
        Assert.That(retries, Is.Empty);
        Assert.That(clock.TimerDueTimes, Is.Empty);
    }

    [Test]
    public async Task Retryable_failures_are_retried_until_success()
    {
        var clock = new ManualTimeProvider();
        var retries = new List<RetryAttempt>();

        var result = await Policy(clock, TimeSpan.FromSeconds(10)).ExecuteAsync(FailingTimes(2, () => new TimeoutException()), _ => true, retries.Add, CancellationToken.None);

        Assert.That(result, Is.EqualTo(3));
        Assert.That(retries.Select(r => r.Attempt), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(retries.Select(r => r.Exception), Is.All.InstanceOf<TimeoutException>());
    }

    [Test]
    public void Non_retryable_failure_propagates_at_once()
    {
        var clock = new ManualTimeProvider();
        var error = new InvalidOperationException("bad password");
        var calls = 0;

        var thrown = Assert.ThrowsAsync<InvalidOperationException>(() =>
            Policy(clock, TimeSpan.FromSeconds(10)).ExecuteAsync(FailingTimes(5, () => error, c => calls = c), e => e is TimeoutException, null, CancellationToken.None));

        Assert.That(thrown, Is.SameAs(error));
        Assert.That(calls, Is.EqualTo(1));
        Assert.That(clock.TimerDueTimes, Is.Empty);
    }

    [Test]
    public void Exhausted_deadline_throws_with_attempts_elapsed_and_last_error()
    {
        var clock = new ManualTimeProvider();
        var errors = 0;

        var thrown = Assert.ThrowsAsync<RetriesExhaustedException>(() =>
            Policy(clock, TimeSpan.FromSeconds(1)).ExecuteAsync(FailingTimes(int.MaxValue, () => new TimeoutException($"error {++errors}")), _ => true, null, CancellationToken.None));

        // Waits of exactly 100 ms (no jitter drawn) put attempts at 0, 0.1, ... 1.0 s.
        Assert.That(thrown.Attempts, Is.EqualTo(11));
        Assert.That(thrown.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(thrown.InnerException, Is.InstanceOf<TimeoutException>());
        Assert.That(thrown.InnerException!.Message, Is.EqualTo("error 11"));
        Assert.That(thrown.Message, Does.Contain("11 attempts"));
    }

    [Test]
    public void Delays_grow_exponentially_up_to_the_maximum()
    {
        var clock = new ManualTimeProvider();

        Assert.ThrowsAsync<RetriesExhaustedException>(() =>
            Policy(clock, TimeSpan.FromSeconds(20), jitter: 1).ExecuteAsync(FailingTimes(int.MaxValue, () => new TimeoutException()), _ => true, null, CancellationToken.None));

        Assert.That(clock.TimerDueTimes.Take(6).Select(d => d.TotalMilliseconds), Is.EqualTo(new[] { 300, 900, 2700, 5000, 5000, 5000 }));
    }

    [Test]
    public void Smallest_jitter_waits_the_initial_delay()
    {
        var clock = new ManualTimeProvider();

        Assert.ThrowsAsync<RetriesExhaustedException>(() =>
            Policy(clock, TimeSpan.FromSeconds(0.5)).ExecuteAsync(FailingTimes(int.MaxValue, () => new TimeoutException()), _ => true, null, CancellationToken.None));

        Assert.That(clock.TimerDueTimes, Is.All.EqualTo(Initial));
    }

    [Test]
    public void Jittered_delays_stay_between_initial_and_maximum()
    {
        var policy = new RetryPolicy(TimeSpan.FromMinutes(5), Initial, Max, new ManualTimeProvider(), new Random(12345));
        var delays = new List<TimeSpan>();
        var previous = Initial;

        for (var i = 0; i < 1000; i++)
        {
            previous = policy.NextDelay(previous);
            delays.Add(previous);
        }

        Assert.That(delays, Is.All.InRange(Initial, Max));
        Assert.That(delays.Distinct().Count(), Is.GreaterThan(100), "delays are jittered");
    }

    [Test]
    public void Last_wait_is_cut_short_so_the_final_attempt_starts_at_the_deadline()
    {
        var clock = new ManualTimeProvider();

        var thrown = Assert.ThrowsAsync<RetriesExhaustedException>(() =>
            Policy(clock, TimeSpan.FromSeconds(1), jitter: 1).ExecuteAsync(FailingTimes(int.MaxValue, () => new TimeoutException()), _ => true, null, CancellationToken.None));

        Assert.That(clock.TimerDueTimes.Select(d => d.TotalMilliseconds), Is.EqualTo(new[] { 300, 700 }));
        Assert.That(thrown.Attempts, Is.EqualTo(3));
    }

    [Test]
    public void Time_spent_in_attempts_counts_towards_the_deadline()
    {
        var clock = new ManualTimeProvider();

        var thrown = Assert.ThrowsAsync<RetriesExhaustedException>(() =>
            Policy(clock, TimeSpan.FromSeconds(1)).ExecuteAsync(FailingTimes(int.MaxValue, () => new TimeoutException(), _ => clock.Advance(TimeSpan.FromSeconds(2))), _ => true, null, CancellationToken.None));

        Assert.That(thrown.Attempts, Is.EqualTo(1));
        Assert.That(thrown.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void Zero_deadline_makes_a_single_attempt()
    {
        var clock = new ManualTimeProvider();

        var thrown = Assert.ThrowsAsync<RetriesExhaustedException>(() =>
            Policy(clock, TimeSpan.Zero).ExecuteAsync(FailingTimes(int.MaxValue, () => new TimeoutException()), _ => true, null, CancellationToken.None));

        Assert.That(thrown.Attempts, Is.EqualTo(1));
    }

    [Test]
    public void Retry_report_gives_the_wait_and_elapsed_time()
    {
        var clock = new ManualTimeProvider();
        var retries = new List<RetryAttempt>();

        Assert.ThrowsAsync<RetriesExhaustedException>(() =>
            Policy(clock, TimeSpan.FromSeconds(0.25)).ExecuteAsync(FailingTimes(int.MaxValue, () => new TimeoutException()), _ => true, retries.Add, CancellationToken.None));

        Assert.That(retries.Select(r => (r.Attempt, r.Delay.TotalMilliseconds, r.Elapsed.TotalMilliseconds)),
            Is.EqualTo(new[] { (1, 100.0, 0.0), (2, 100.0, 100.0), (3, 50.0, 200.0) }));
    }

    [Test]
    public async Task Cancellation_during_a_wait_stops_at_once()
    {
        var clock = new ManualTimeProvider { Frozen = true };
        using var cancellation = new CancellationTokenSource();

        var run = Policy(clock, TimeSpan.FromMinutes(5)).ExecuteAsync(FailingTimes(int.MaxValue, () => new TimeoutException()), _ => true, _ => cancellation.Cancel(), cancellation.Token);

        // The frozen clock never ends the wait, so only cancellation can finish the run.
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.That(finished, Is.SameAs(run));
        Assert.That(run.IsCanceled, Is.True);
    }

    [Test]
    public void Cancellation_inside_an_attempt_is_not_retried()
    {
        var clock = new ManualTimeProvider();
        using var cancellation = new CancellationTokenSource();
        var calls = 0;

        Assert.ThrowsAsync<OperationCanceledException>(() => Policy(clock, TimeSpan.FromMinutes(5)).ExecuteAsync<int>(
            token =>
            {
                calls++;
                cancellation.Cancel();
                token.ThrowIfCancellationRequested();
                return Task.FromResult(0);
            },
            _ => true,
            null,
            cancellation.Token));

        Assert.That(calls, Is.EqualTo(1));
    }

    [Test]
    public void Already_cancelled_token_makes_no_attempt()
    {
        var calls = 0;

        Assert.ThrowsAsync<OperationCanceledException>(() =>
            Policy(new ManualTimeProvider(), TimeSpan.FromMinutes(5)).ExecuteAsync(FailingTimes(0, () => new TimeoutException(), c => calls = c), _ => true, null, new CancellationToken(canceled: true)));

        Assert.That(calls, Is.Zero);
    }
}
