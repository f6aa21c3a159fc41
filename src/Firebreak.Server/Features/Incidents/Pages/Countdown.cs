using System.Globalization;

namespace Firebreak.Server.Features.Incidents.Pages;

/// <summary>
/// "due in 4 min 12 s": a countdown read at a glance, to the second near the end because that is when a responder
/// decides whether to acknowledge or let it go to the next person.
/// </summary>
public static class Countdown
{
    public static string DueIn(DateTimeOffset due, DateTimeOffset now)
    {
        var left = due - now;
        if (left <= TimeSpan.Zero)
        {
            return "due now";
        }

        // Round up: "due in 0 s" while a fraction of a second is left would read as already due.
        var seconds = (long)Math.Ceiling(left.TotalSeconds);
        var (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
        var inv = CultureInfo.InvariantCulture;
        return h > 0 ? string.Create(inv, $"due in {h} h {m} min")
            : m > 0 ? string.Create(inv, $"due in {m} min {s} s")
            : string.Create(inv, $"due in {s} s");
    }
}
