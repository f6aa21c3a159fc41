using NodaTime;
using NodaTime.Text;

namespace Firebreak.Core.OnCall;

/// <summary>One rotation as people write it in config files and API bodies; every field is text until <see cref="ScheduleSpec.Build"/>.</summary>
/// <param name="Shift">hourly, daily, weekly, or a length: 12h and 30m count elapsed time, 2d and 1w count calendar days.</param>
/// <param name="Handoff">Local time of day, HH:mm; the start's time when absent.</param>
/// <param name="Start">Local date and time in the schedule's zone, yyyy-MM-ddTHH:mm.</param>
/// <param name="Restrictions">"Mon-Fri", "09:00-17:00", "Mon-Fri 09:00-17:00", or a weekly window "Fri 17:00 - Mon 09:00".</param>
/// <param name="RotationOffset">How many slots the rotation is moved on (<see cref="Layer.RotationOffset"/>); participant
/// edits that keep whoever is on set it, so it must be stored with the rest of the layer.</param>
public sealed record LayerSpec(
    string? Name,
    IReadOnlyList<IReadOnlyList<string>> Participants,
    string? Shift,
    string? Start,
    string? Handoff = null,
    string? End = null,
    IReadOnlyList<string>? Restrictions = null,
    int? RotationOffset = null);

/// <param name="From">An instant with its offset, e.g. 2026-03-01T09:00:00+01:00 or …Z.</param>
/// <param name="Mode">replace (the default) or add.</param>
public sealed record OverrideSpec(string Person, string From, string To, string? Mode = null);

/// <summary>
/// A schedule as text. <see cref="Build"/> parses and validates it in one pass and names every problem with the layer,
/// override and field it is in, so a config file or API body can be fixed in one go.
/// </summary>
public sealed record ScheduleSpec(string? TimeZone, IReadOnlyList<LayerSpec> Layers, IReadOnlyList<OverrideSpec>? Overrides = null)
{
    // Seconds are accepted too: a browser's datetime-local field may send them, and so may ISO 8601 written by a script.
    private static readonly IPattern<LocalDateTime> s_localStart = new CompositePatternBuilder<LocalDateTime>
    {
        { LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm"), _ => true },
        { LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss"), _ => false },
    }.Build();
    private static readonly LocalTimePattern s_timeOfDay = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public (Schedule? Schedule, IReadOnlyList<string> Errors) Build()
    {
        var errors = new List<string>();
        var layers = new List<Layer>();
        for (var i = 0; i < Layers.Count; i++)
        {
            var spec = Layers[i];
            var where = $"layer {i + 1}{(string.IsNullOrWhiteSpace(spec.Name) ? "" : $" ({spec.Name})")}";
            var layerErrors = new List<string>();
            var shift = ParseShift(spec.Shift, layerErrors);
            var start = Parse(s_localStart, spec.Start, "start", "a local date and time such as 2026-01-05T09:00", layerErrors);
            LocalTime? handoff = spec.Handoff is null ? null : Parse(s_timeOfDay, spec.Handoff, "handoff", "a time of day such as 09:00", layerErrors);
            LocalDateTime? end = spec.End is null ? null : Parse(s_localStart, spec.End, "end", "a local date and time such as 2026-06-30T09:00", layerErrors);
            var restrictions = (spec.Restrictions ?? []).Select(r => RestrictionText.Parse(r, layerErrors)).OfType<Restriction>().ToList();
            errors.AddRange(layerErrors.Select(e => $"{where}: {e}"));
            if (layerErrors.Count == 0)
            {
                layers.Add(new Layer(LayerName(spec, i), spec.Participants, shift!, start, handoff, end, restrictions, spec.RotationOffset ?? 0));
            }
        }

        var overrides = new List<ScheduleOverride>();
        for (var i = 0; i < (Overrides ?? []).Count; i++)
        {
            var spec = Overrides![i];
            var overrideErrors = new List<string>();
            var from = ParseInstant(spec.From, "from", overrideErrors);
            var to = ParseInstant(spec.To, "to", overrideErrors);
            var mode = spec.Mode?.Trim().ToUpperInvariant() switch
            {
                null or "" or "REPLACE" => OverrideMode.Replace,
                "ADD" => OverrideMode.Add,
                _ => Invalid(overrideErrors, $"mode: '{spec.Mode}' is not replace or add"),
            };
            errors.AddRange(overrideErrors.Select(e => $"override {i + 1} ({spec.Person}): {e}"));
            overrides.Add(new ScheduleOverride(spec.Person, from, to, mode));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return Schedule.Create(TimeZone, layers, overrides);
    }

    /// <summary>The name a layer goes by once built: as written, or its position when it has none.</summary>
    public static string LayerName(LayerSpec spec, int index) => spec.Name?.Trim() ?? $"Layer {index + 1}";

    private static ShiftLength? ParseShift(string? text, List<string> errors)
    {
        var shift = text?.Trim().ToLowerInvariant();
        switch (shift)
        {
            case "hourly":
                return ShiftLength.Hourly;
            case "daily":
                return ShiftLength.Daily;
            case "weekly":
                return ShiftLength.Weekly;
        }

        if (shift is { Length: > 1 } && int.TryParse(shift[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            switch (shift[^1])
            {
                case 'm':
                    return ShiftLength.Elapsed(Duration.FromMinutes(n));
                case 'h':
                    return ShiftLength.Elapsed(Duration.FromHours(n));
                case 'd':
                    return ShiftLength.WallClock(Period.FromDays(n));
                case 'w':
                    return ShiftLength.WallClock(Period.FromWeeks(n));
            }
        }

        errors.Add($"shift: '{text}' is not a shift length; use hourly, daily, weekly, or a length such as 12h, 2d or 2w");
        return null;
    }

    private static T Parse<T>(IPattern<T> pattern, string? text, string field, string example, List<string> errors)
    {
        var result = pattern.Parse(text?.Trim() ?? "");
        if (result.Success)
        {
            return result.Value;
        }

        errors.Add($"{field}: '{text}' is not {example}");
        return default!;
    }

    private static Instant ParseInstant(string text, string field, List<string> errors) =>
        Parse(OffsetDateTimePattern.ExtendedIso, text, field, "a date and time with its offset, such as 2026-03-01T09:00:00+01:00", errors).ToInstant();

    private static OverrideMode Invalid(List<string> errors, string message)
    {
        errors.Add(message);
        return OverrideMode.Replace;
    }
}
