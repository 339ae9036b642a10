using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.Tests.Smtp;

public class ThrottledRunnerTests
{
    [Fact]
    public void Never_runs_more_items_at_once_than_the_throttle_and_returns_every_result()
    {
        int running = 0, peak = 0;
        using var runner = new ThrottledRunner<int>(3, CancellationToken.None);
        for (int i = 0; i < 12; i++)
        {
            int n = i;
            runner.Enqueue(n, async token =>
            {
                int now = Interlocked.Increment(ref running);
                InterlockedMax(ref peak, now);
                await Task.Delay(30, token);
                Interlocked.Decrement(ref running);
                return n * n;
            });
        }

        var results = new List<int>();
        while (runner.Take(CancellationToken.None) is { } completion)
        {
            Assert.Null(completion.Error);
            Assert.Equal((int)completion.Tag! * (int)completion.Tag!, completion.Result);
            results.Add(completion.Result);
        }

        Assert.Equal(12, results.Count);
        Assert.Equal(3, peak);
        Assert.Equal(12, runner.Taken);
    }

    [Fact]
    public void Hands_back_completions_in_the_order_they_finish()
    {
        using var runner = new ThrottledRunner<string>(4, CancellationToken.None);
        runner.Enqueue("slow", async t => { await Task.Delay(300, t); return "slow"; });
        runner.Enqueue("fast", async t => { await Task.Delay(10, t); return "fast"; });

        Assert.Equal("fast", runner.Take(CancellationToken.None)!.Result);
        Assert.Equal("slow", runner.Take(CancellationToken.None)!.Result);
        Assert.Null(runner.Take(CancellationToken.None));
    }

    [Fact]
    public void A_failing_item_is_a_completion_with_its_error_and_the_others_go_on()
    {
        using var runner = new ThrottledRunner<int>(2, CancellationToken.None);
        runner.Enqueue("bad", _ => Task.FromException<int>(new InvalidOperationException("boom")));
        runner.Enqueue("good", _ => Task.FromResult(1));

        var completions = new[] { runner.Take(CancellationToken.None)!, runner.Take(CancellationToken.None)! };

        Assert.Contains(completions, c => c.Error is InvalidOperationException && (string)c.Tag! == "bad");
        Assert.Contains(completions, c => c.Error is null && c.Result == 1);
    }

    [Fact]
    public void Cancelling_ends_waiting_and_running_items_at_once()
    {
        using var cancel = new CancellationTokenSource();
        using var runner = new ThrottledRunner<int>(1, cancel.Token);
        runner.Enqueue("running", async t => { await Task.Delay(TimeSpan.FromSeconds(30), t); return 1; });
        runner.Enqueue("waiting", async t => { await Task.Delay(TimeSpan.FromSeconds(30), t); return 2; });
        Thread.Sleep(50);

        cancel.Cancel();
        var first = runner.Take(CancellationToken.None)!;
        var second = runner.Take(CancellationToken.None)!;

        Assert.IsAssignableFrom<OperationCanceledException>(first.Error);
        Assert.IsAssignableFrom<OperationCanceledException>(second.Error);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
