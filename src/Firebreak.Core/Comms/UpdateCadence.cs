using System.Globalization;

namespace Firebreak.Core.Comms;

/// <summary>
/// When the next stakeholder update is due: a severity's <c>update_every</c> after the last update, or after the
/// declaration when there has been none. Both the incident header and the reminder read it from here, so what the page
/// says and when people are reminded cannot drift apart.
/// </summary>
public sealed record UpdateCadence(DateTimeOffset LastUpdate, TimeSpan Every)
{
    public DateTimeOffset Due => LastUpdate + Every;

    /// <summary>
    /// When the second reminder goes: half a cadence after <see cref="Due"/>. Not at due (that is the first reminder,
    /// and an update is often being written then), and not a whole cadence later, which would be the next update's due
    /// time and leave stakeholders without news for two cadences; half keeps the nudge well before that.
    /// </summary>
    public DateTimeOffset Overdue => Due + (Every / 2);

    public static UpdateCadence From(DateTimeOffset declaredAt, IEnumerable<DateTimeOffset> updates, TimeSpan every) =>
        new(updates.Where(u => u > declaredAt).DefaultIfEmpty(declaredAt).Max(), every);

    /// <summary>"next update in 12 min" before it is due, "overdue 3 min" after (whole minutes, rounded up).</summary>
    public string Text(DateTimeOffset now)
    {
        var left = Due - now;
        if (left == TimeSpan.Zero)
        {
            return "update due now";
        }

        return left > TimeSpan.Zero ? $"next update in {Minutes(left)}" : $"overdue {Minutes(-left)}";
    }

    private static string Minutes(TimeSpan span) =>
        span < TimeSpan.FromMinutes(1) && span > TimeSpan.Zero
            ? "under 1 min"
            : $"{Math.Ceiling(span.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min";
}
