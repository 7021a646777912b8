using System.Collections.Concurrent;
using AuditEngine.Service.Hosting;
using Microsoft.Extensions.Options;

namespace AuditEngine.Service.Access;

/// <summary>
/// Slows password guessing: after <see cref="LoginOptions.MaxFailures"/> failed logins for one user name (or
/// <see cref="LoginOptions.MaxFailuresPerAddress"/> from one client address, whatever names it tries) each further
/// attempt must wait, twice as long each time up to <see cref="LoginOptions.MaxDelaySeconds"/>. Attempts made while
/// waiting are answered 429 without checking the password, so they teach nothing. Counts live in this node's memory:
/// a cluster behind a load balancer multiplies them by its nodes, which still bounds guessing.
/// </summary>
public sealed class LoginThrottle(IOptions<ServiceOptions> options, TimeProvider time)
{
    private sealed record Failures(int Count, DateTimeOffset Last);

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);
    private LoginOptions Options => options.Value.Login;

    /// <summary>How long the caller must still wait before trying this name from this address; null: may try now.</summary>
    public TimeSpan? RetryAfter(string userName, string address)
    {
        var now = time.GetUtcNow();
        var wait = new[] { Wait(UserKey(userName), Options.MaxFailures, now), Wait(AddressKey(address), Options.MaxFailuresPerAddress, now) }.Max();
        return wait > TimeSpan.Zero ? wait : null;
    }

    public void Failed(string userName, string address)
    {
        var now = time.GetUtcNow();
        var window = TimeSpan.FromSeconds(Options.WindowSeconds);
        foreach (var key in new[] { UserKey(userName), AddressKey(address) })
            _failures.AddOrUpdate(key, _ => new Failures(1, now),
                (_, f) => now - f.Last > window ? new Failures(1, now) : new Failures(f.Count + 1, now));
        if (_failures.Count > 10_000) Prune(now, window);
    }

    /// <summary>A good password clears the name's count (not the address's: one valid account must not reset it).</summary>
    public void Succeeded(string userName) => _failures.TryRemove(UserKey(userName), out _);

    private TimeSpan Wait(string key, int threshold, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var f) || f.Count < threshold) return TimeSpan.Zero;
        if (now - f.Last > TimeSpan.FromSeconds(Options.WindowSeconds)) return TimeSpan.Zero;
        var seconds = Math.Min(Options.BaseDelaySeconds * Math.Pow(2, f.Count - threshold), Options.MaxDelaySeconds);
        var until = f.Last + TimeSpan.FromSeconds(seconds);
        return until > now ? until - now : TimeSpan.Zero;
    }

    /// <summary>Random names must not grow the table without end: counts older than the window are forgotten.</summary>
    private void Prune(DateTimeOffset now, TimeSpan window)
    {
        foreach (var (key, f) in _failures)
            if (now - f.Last > window) _failures.TryRemove(key, out _);
    }

    private static string UserKey(string userName) => "user:" + userName.Trim().ToLowerInvariant();
    private static string AddressKey(string address) => "addr:" + address;
}
