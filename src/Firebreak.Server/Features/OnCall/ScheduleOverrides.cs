using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Firebreak.Core.OnCall;
using NodaTime;
using NodaTime.Text;

namespace Firebreak.Server.Features.OnCall;

/// <summary>Cover a shift: <paramref name="From"/> and <paramref name="To"/> are instants with their offset; mode replace (default) or add.</summary>
public sealed record OverrideRequest(string? Person, string? From, string? To, string? Mode = null);

/// <summary>An override as stored, with the id that names it in the API, CLI and UI.</summary>
public sealed record OverrideDto(string Id, string Person, DateTimeOffset From, DateTimeOffset To, string Mode);

/// <summary>
/// Override ids without a column for them: a short hash of what the override says. PUT stores overrides as written
/// and config files never carry ids, so an id derived from the content survives both and needs no schema change.
/// Two identical overrides share an id, which is harmless: they put the same person on at the same time.
/// </summary>
public static class OverrideIds
{
    /// <summary>The longest override one request may add: longer cover is a rotation change, not an override.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(90);

    public static OverrideDto ToDto(OverrideSpec spec)
    {
        var from = ParseStored(spec.From);
        var to = ParseStored(spec.To);
        var mode = ModeWord(spec.Mode) ?? "replace";
        var text = string.Create(CultureInfo.InvariantCulture, $"{spec.Person.Trim()}\n{from.UtcTicks}\n{to.UtcTicks}\n{mode}");
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..10];
        return new OverrideDto(id, spec.Person.Trim(), from, to, mode);
    }

    /// <summary>The canonical wire word for a mode, or null when it is neither replace nor add.</summary>
    public static string? ModeWord(string? mode) => mode?.Trim().ToUpperInvariant() switch
    {
        null or "" or "REPLACE" => "replace",
        "ADD" => "add",
        _ => null,
    };

    /// <summary>The same text form <see cref="ScheduleSpec"/> reads back, so a stored override always rebuilds.</summary>
    public static string Format(DateTimeOffset t) => OffsetDateTimePattern.ExtendedIso.Format(OffsetDateTime.FromDateTimeOffset(t));

    /// <summary>
    /// An instant typed by a person: it must carry Z or an offset, because a bare local time means a different instant
    /// on every machine and a shift covered an hour off is a page nobody answers.
    /// </summary>
    public static DateTimeOffset? ParseInstant(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        return DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            && parsed.Kind != DateTimeKind.Unspecified
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                ? time
                : null;
    }

    // Stored overrides were validated when saved, by the same pattern ScheduleSpec uses.
    private static DateTimeOffset ParseStored(string text) => OffsetDateTimePattern.ExtendedIso.Parse(text.Trim()).Value.ToDateTimeOffset();
}
