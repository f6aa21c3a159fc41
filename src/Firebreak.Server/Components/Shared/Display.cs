using System.Globalization;
using Firebreak.Core.Incidents;

namespace Firebreak.Server.Components.Shared;

/// <summary>How durations and numbers read on screen; times go through <see cref="ViewerZone"/>, in the viewer's zone.</summary>
public static class Display
{
    public static string Ago(DateTimeOffset at, DateTimeOffset now) =>
        now - at < TimeSpan.FromSeconds(5) ? "just now" : $"{DurationText.Format(now - at)} ago";

    public static string Duration(TimeSpan span) => DurationText.Format(span);

    public static string Duration(double seconds) => DurationText.Format(TimeSpan.FromSeconds(seconds));

    public static string Number(int number) => $"INC-{number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"mitigating" → "Mitigating".</summary>
    public static string StatusName(string status) =>
        status.Length == 0 ? status : char.ToUpperInvariant(status[0]) + status[1..];
}
