using System.Globalization;
using Firebreak.Core.Incidents;

namespace Firebreak.Server.Components.Shared;

/// <summary>How times and durations read on screen. Times are UTC and say so: responders may sit in several zones.</summary>
public static class Display
{
    public static string Ago(DateTimeOffset at, DateTimeOffset now) =>
        now - at < TimeSpan.FromSeconds(5) ? "just now" : $"{DurationText.Format(now - at)} ago";

    public static string Duration(TimeSpan span) => DurationText.Format(span);

    public static string Duration(double seconds) => DurationText.Format(TimeSpan.FromSeconds(seconds));

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Number(int number) => $"INC-{number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"mitigating" → "Mitigating".</summary>
    public static string StatusName(string status) =>
        status.Length == 0 ? status : char.ToUpperInvariant(status[0]) + status[1..];
}
