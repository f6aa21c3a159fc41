using System.Text.Json;
using System.Text.RegularExpressions;
using Firebreak.Core.OnCall;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Firebreak.Server.Features.OnCall;

public sealed record ScheduleRequest(string? Name, string? TimeZone, List<LayerSpec>? Layers, List<OverrideSpec>? Overrides);

public sealed record ScheduleDto(
    string Key, string Name, string TimeZone, IReadOnlyList<LayerSpec> Layers, IReadOnlyList<OverrideSpec> Overrides,
    IReadOnlyList<string> OnCallNow, IReadOnlyList<GapDto> Gaps, DateTimeOffset UpdatedAt);

public sealed record GapDto(DateTimeOffset From, DateTimeOffset To);

public sealed record OnCallDto(string Schedule, DateTimeOffset At, IReadOnlyList<string> People, string? Layer, bool Override);

public sealed record SegmentDto(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> People, string? Layer, bool Override);

public sealed record TimelineDto(string Schedule, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<SegmentDto> Segments, IReadOnlyList<GapDto> Gaps);

/// <summary>Schedules: saved as written, validated through the domain, and asked who is on call when.</summary>
public sealed partial class ScheduleService(FirebreakDb db, AuditLog audit, TimeProvider clock)
{
    /// <summary>How far ahead a schedule's gaps are reported as warnings.</summary>
    public static readonly TimeSpan GapHorizon = TimeSpan.FromDays(28);

    /// <summary>The longest timeline one request may ask for.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(92);

    private static readonly JsonSerializerOptions s_json = JsonSerializerOptions.Web;

    public async Task<IReadOnlyList<ScheduleDto>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Schedules.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        return [.. rows.Select(ToDto)];
    }

    public async Task<Outcome<ScheduleDto>> GetAsync(string key, CancellationToken ct) =>
        await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct) is { } row
            ? ToDto(row)
            : Failure.NotFound($"No schedule '{key}'.");

    /// <summary>Creates or replaces the schedule at <paramref name="key"/>: PUT is idempotent, like config apply.</summary>
    public async Task<Outcome<ScheduleDto>> PutAsync(Actor actor, string key, ScheduleRequest request, CancellationToken ct)
    {
        var staged = await StagePutAsync(actor, key, request, null, ct);
        if (staged.Value is not { } row)
        {
            return new Outcome<ScheduleDto>(staged.Kind, null, staged.Error, staged.FieldErrors);
        }

        await db.SaveChangesAsync(ct);
        return ToDto(row);
    }

    /// <summary>
    /// Validates and stages a create-or-replace with its audit event, unsaved: PUT saves it at once, config apply together
    /// with the rest of the config, so both write schedules the same way. <paramref name="auditAs"/> replaces the default
    /// audit action and details.
    /// </summary>
    internal async Task<Outcome<ScheduleRecord>> StagePutAsync(
        Actor actor, string key, ScheduleRequest request, (string Action, string Details)? auditAs, CancellationToken ct)
    {
        var (spec, problem) = await ValidateAsync(key, request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var name = request.Name!.Trim();
        var now = clock.GetUtcNow();
        var row = await db.Schedules.FirstOrDefaultAsync(s => s.Key == key, ct);
        var created = row is null;
        row ??= db.Schedules.Add(new ScheduleRecord { Key = key, Name = name, TimeZone = "", LayersJson = "[]", OverridesJson = "[]", CreatedAt = now }).Entity;
        row.Name = name;
        row.TimeZone = request.TimeZone!.Trim();
        row.LayersJson = JsonSerializer.Serialize(spec.Layers, s_json);
        row.OverridesJson = JsonSerializer.Serialize(spec.Overrides, s_json);
        row.UpdatedAt = now;
        var (action, details) = auditAs ?? (created ? "schedule.create" : "schedule.update",
            $"{spec.Layers.Count} layer(s), {spec.Overrides!.Count} override(s), {row.TimeZone}");
        audit.Record(actor, action, $"schedule/{key}", details);
        return row;
    }

    /// <summary>
    /// Everything wrong with <paramref name="request"/> as a schedule at <paramref name="key"/> (not checked when null),
    /// as one failure naming each field; the single check behind PUT, config apply, the authoring endpoints and the
    /// editor's preview.
    /// </summary>
    private async Task<(ScheduleSpec Spec, Failure? Problem)> ValidateAsync(string? key, ScheduleRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (key is not null && !KeyShape().IsMatch(key))
        {
            errors["key"] = ["Use 1–64 lowercase letters, digits and dashes for a schedule key, e.g. 'payments-primary'."];
        }

        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors["name"] = ["Give the schedule a name of 1–200 characters."];
        }

        var spec = new ScheduleSpec(request.TimeZone, request.Layers ?? [], request.Overrides ?? []);
        var (_, built) = spec.Build();
        var problems = built.ToList();
        // Layers are matched by name on config apply and edited by name in the API and the editor, so a name must say which one.
        problems.AddRange(spec.Layers.Select(ScheduleSpec.LayerName).GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"layer '{g.Key}' is defined more than once"));
        if (problems.Count > 0)
        {
            errors["layers"] = [.. problems];
        }

        var people = spec.Layers.SelectMany(l => l.Participants ?? []).SelectMany(slot => slot ?? []).OfType<string>()
            .Concat((spec.Overrides ?? []).Select(o => o.Person).OfType<string>());
        var viewers = (await PagingEligibility.ViewersAsync(db, people, ct)).Select(PagingEligibility.ViewerProblem).ToList();
        if (viewers.Count > 0)
        {
            errors["people"] = [.. viewers];
        }

        if (errors.Count == 0)
        {
            return (spec, null);
        }

        return (spec, viewers.Count > 0 ? new Failure(OutcomeKind.Invalid, string.Join(" ", viewers), errors) : Failure.Invalid(errors));
    }

    public async Task<Outcome<ScheduleDto>> DeleteAsync(Actor actor, string key, CancellationToken ct)
    {
        var row = await db.Schedules.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (row is null)
        {
            return Failure.NotFound($"No schedule '{key}'.");
        }

        db.Schedules.Remove(row);
        audit.Record(actor, "schedule.delete", $"schedule/{key}", row.Name);
        await db.SaveChangesAsync(ct);
        return ToDto(row);
    }

    public async Task<Outcome<OnCallDto>> OnCallAsync(string key, DateTimeOffset? at, CancellationToken ct)
    {
        if (at is { } asked && !ScheduleRange.Covers(asked))
        {
            return Failure.Invalid("at", $"'at' must be {ScheduleRange.Text}.");
        }

        var row = await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct);
        if (row is null)
        {
            return Failure.NotFound($"No schedule '{key}'.");
        }

        var when = at ?? clock.GetUtcNow();
        var schedule = Load(row);
        var duty = schedule.OnCallAt(Instant.FromDateTimeOffset(when));
        return new OnCallDto(row.Key, when, duty.People, LayerName(schedule, duty), duty.Overrides.Count > 0);
    }

    public async Task<Outcome<TimelineDto>> TimelineAsync(string key, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        var start = from ?? clock.GetUtcNow();
        // Checked before adding the default 14 days, which would overflow on its own near year 9999.
        var end = to ?? (ScheduleRange.Covers(start) ? start.AddDays(14) : start);
        if (RangeProblem(start, end) is { } problem)
        {
            return problem;
        }

        var row = await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct);
        if (row is null)
        {
            return Failure.NotFound($"No schedule '{key}'.");
        }

        var schedule = Load(row);
        var range = new Interval(Instant.FromDateTimeOffset(start), Instant.FromDateTimeOffset(end));
        var segments = schedule.Timeline(range)
            .Select(s => new SegmentDto(s.Interval.Start.ToDateTimeOffset(), s.Interval.End.ToDateTimeOffset(), s.OnDuty.People,
                LayerName(schedule, s.OnDuty), s.OnDuty.Overrides.Count > 0))
            .ToList();
        return new TimelineDto(row.Key, start, end, segments, Gaps(schedule, range));
    }

    /// <summary>Why [<paramref name="from"/>, <paramref name="to"/>) is not a range schedules answer for, or null.</summary>
    public static Failure? RangeProblem(DateTimeOffset from, DateTimeOffset to)
    {
        if (!ScheduleRange.Covers(from))
        {
            return Failure.Invalid("from", $"'from' must be {ScheduleRange.Text}.");
        }

        if (!ScheduleRange.Covers(to))
        {
            return Failure.Invalid("to", $"'to' must be {ScheduleRange.Text}; without 'to' the range is 14 days.");
        }

        return to <= from || to - from > MaxRange
            ? Failure.Invalid("to", $"'to' must be after 'from' and at most {MaxRange.TotalDays:0} days later.")
            : null;
    }

    private ScheduleDto ToDto(ScheduleRecord row)
    {
        var spec = Spec(row);
        var schedule = Load(row);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        return new ScheduleDto(row.Key, row.Name, row.TimeZone, spec.Layers, spec.Overrides ?? [], schedule.OnCallAt(now).People,
            Gaps(schedule, new Interval(now, now + Duration.FromTimeSpan(GapHorizon))), row.UpdatedAt);
    }

    private static List<GapDto> Gaps(Schedule schedule, Interval range) =>
        [.. schedule.Gaps(range).Select(g => new GapDto(g.Start.ToDateTimeOffset(), g.End.ToDateTimeOffset()))];

    private static string? LayerName(Schedule schedule, OnDuty duty) => duty.Layer is { } i ? schedule.Layers[i].Name : null;

    // Rows were validated when saved; a schedule that no longer builds (a zone removed from tzdb) is a bug to surface.
    /// <summary>The schedule, or null when what is stored no longer validates (the engine skips it rather than fail).</summary>
    internal static Schedule? LoadOrNull(ScheduleRecord row) => Spec(row).Build().Schedule;

    internal static Schedule Load(ScheduleRecord row) =>
        Spec(row).Build() is { Schedule: { } s } ? s : throw new InvalidOperationException($"Stored schedule '{row.Key}' no longer validates.");

    private static ScheduleSpec Spec(ScheduleRecord row) => new(row.TimeZone,
        JsonSerializer.Deserialize<List<LayerSpec>>(row.LayersJson, s_json) ?? [],
        JsonSerializer.Deserialize<List<OverrideSpec>>(row.OverridesJson, s_json) ?? []);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex KeyShape();
}
