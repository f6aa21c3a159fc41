using System.Diagnostics;

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
}
