using System.Diagnostics;
using System.Net;

namespace Firebreak.Server.Tests.Support;

/// <summary>Waits for a condition another process brings about, polling with a hard bound instead of sleeping blind.</summary>
public static class Eventually
{
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        var last = await probe();
        while (!done(last))
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds} s; last value: {last}");
            }

            await Task.Delay(100);
            last = await probe();
        }

        return last;
    }

    /// <summary>Waits until a child process answers 200 at <paramref name="url"/>; fails at once if the process exits.</summary>
    public static async Task WaitForHttpOkAsync(Uri url, Process process, TimeSpan timeout, string what)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await WaitForAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{what} exited with {process.ExitCode} before it was ready");
            }

            try
            {
                using var response = await http.GetAsync(url);
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false; // not listening yet
            }
        }, ready => ready, timeout, $"{what} ready at {url}");
    }
}
