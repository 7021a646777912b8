using AuditEngine.Service.Access;
using AuditEngine.Service.Hosting;
using Microsoft.Extensions.Options;

namespace AuditEngine.Service.Tests.Access;

/// <summary>The throttle's arithmetic on a clock the test moves: no test here waits for real time.</summary>
public sealed class LoginThrottleTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static (LoginThrottle Throttle, Clock Clock) New(int perName = 5, int perAddress = 20)
    {
        var clock = new Clock();
        var options = new ServiceOptions { Login = new LoginOptions { MaxFailures = perName, MaxFailuresPerAddress = perAddress } };
        return (new LoginThrottle(Options.Create(options), clock), clock);
    }

    [Fact]
    public void The_wait_starts_at_the_fifth_failure_and_doubles_with_each_further_one_up_to_the_cap()
    {
        var (throttle, clock) = New();
        for (var i = 0; i < 4; i++) throttle.Failed("Zhang", "10.0.0.1");
        Assert.Null(throttle.RetryAfter("zhang", "10.0.0.1"));
        throttle.Failed("zhang", "10.0.0.1");
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.RetryAfter("ZHANG ", "10.0.0.2"));
        clock.Now += TimeSpan.FromSeconds(1);
        Assert.Null(throttle.RetryAfter("zhang", "10.0.0.1"));
        throttle.Failed("zhang", "10.0.0.1");
        Assert.Equal(TimeSpan.FromSeconds(2), throttle.RetryAfter("zhang", "10.0.0.1"));
        throttle.Failed("zhang", "10.0.0.1");
        Assert.Equal(TimeSpan.FromSeconds(4), throttle.RetryAfter("zhang", "10.0.0.1"));
        for (var i = 0; i < 20; i++) throttle.Failed("zhang", "10.0.0.3");
        Assert.Equal(TimeSpan.FromSeconds(900), throttle.RetryAfter("zhang", "10.0.0.4"));
        // Another name from another address is free.
        Assert.Null(throttle.RetryAfter("li", "10.0.0.9"));
    }

    [Fact]
    public void Success_clears_the_name_and_old_failures_are_forgotten_after_the_window()
    {
        var (throttle, clock) = New();
        for (var i = 0; i < 5; i++) throttle.Failed("wang", "10.0.0.1");
        throttle.Succeeded("Wang");
        Assert.Null(throttle.RetryAfter("wang", "10.0.0.1"));

        for (var i = 0; i < 5; i++) throttle.Failed("zhao", "10.0.0.5");
        clock.Now += TimeSpan.FromSeconds(901);
        Assert.Null(throttle.RetryAfter("zhao", "10.0.0.5"));
        throttle.Failed("zhao", "10.0.0.5");
        Assert.Null(throttle.RetryAfter("zhao", "10.0.0.5")); // counting starts again at 1
    }

    [Fact]
    public void An_address_is_held_after_its_own_limit_whatever_names_it_tries_and_a_success_does_not_free_it()
    {
        var (throttle, _) = New(perAddress: 3);
        throttle.Failed("a", "192.0.2.7");
        throttle.Failed("b", "192.0.2.7");
        Assert.Null(throttle.RetryAfter("c", "192.0.2.7"));
        throttle.Failed("c", "192.0.2.7");
        throttle.Succeeded("d");
        Assert.NotNull(throttle.RetryAfter("d", "192.0.2.7"));
        Assert.Null(throttle.RetryAfter("d", "192.0.2.8"));
    }
}
