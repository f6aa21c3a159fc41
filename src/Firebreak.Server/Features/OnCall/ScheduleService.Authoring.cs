using Firebreak.Core.OnCall;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Http;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Firebreak.Server.Features.OnCall;

/// <param name="Overrides">Left out, a new schedule has none and an edited one keeps its own, as config does without
/// <c>overrides:</c>: covers people arranged on the calendar are not the editor's to drop.</param>
public sealed record CreateScheduleRequest(string? Key, string? Name, string? TimeZone, List<LayerSpec>? Layers, List<OverrideSpec>? Overrides = null)
{
    public ScheduleRequest ToSchedule() => new(Name, TimeZone, Layers, Overrides);
}

/// <summary>One layer as written; its name is the one in the address.</summary>
public sealed record LayerRequest(
    List<List<string>>? Participants, string? Shift, string? Start, string? Handoff = null, string? End = null, List<string>? Restrictions = null);

/// <summary>What a schedule would do over the next <see cref="ScheduleService.PreviewDays"/> days, before it is saved.</summary>
public sealed record PreviewDto(
    DateTimeOffset From, DateTimeOffset To, IReadOnlyList<SegmentDto> Segments, IReadOnlyList<GapDto> Gaps, IReadOnlyList<string> GapText);

/// <summary>
/// Writing schedules without YAML: create, edit a whole schedule or one layer, and preview. Every write goes through
/// <see cref="StagePutAsync"/>, so it is validated and audited exactly as PUT and config apply are.
/// </summary>
public sealed partial class ScheduleService
{
    public const int PreviewDays = 14;

    /// <summary>Creates a schedule; unlike PUT it never replaces one, so two admins cannot overwrite each other's.</summary>
    public async Task<Outcome<ScheduleDto>> CreateAsync(Actor actor, CreateScheduleRequest request, CancellationToken ct)
    {
        var key = request.Key?.Trim() ?? "";
        var (_, problem) = await ValidateAsync(key, request.ToSchedule(), ct);
        if (problem is not null)
        {
            return problem;
        }

        if (await db.Schedules.AnyAsync(s => s.Key == key, ct))
        {
            return Failure.Conflict($"A schedule '{key}' already exists; edit it instead, or choose another key.");
        }

        return await SaveAsync(actor, key, request.ToSchedule(), null, ct);
    }

    /// <summary>
    /// Replaces a schedule's name, zone and layers as the editor saves them. A layer kept under its name with the same
    /// rotation keeps whoever is on call now, as config apply does, so fixing a typo in a restriction never hands the pager over.
    /// </summary>
    public async Task<Outcome<ScheduleDto>> UpdateAsync(Actor actor, string key, ScheduleRequest request, CancellationToken ct)
    {
        var row = await db.Schedules.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (row is null)
        {
            return Failure.NotFound($"No schedule '{key}'.");
        }

        var old = Spec(row);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var layers = (request.Layers ?? []).Select((layer, i) =>
        {
            var o = LayerIndex(old, ScheduleSpec.LayerName(layer, i));
            return o < 0 ? layer : KeepWhoIsOn(old, o, request.TimeZone, layer, now).Layer;
        }).ToList();
        var overrides = request.Overrides ?? [.. old.Overrides ?? []];
        return await SaveAsync(actor, key, request with { Layers = layers, Overrides = overrides }, null, ct);
    }

    /// <summary>Adds the layer <paramref name="layerName"/>, or replaces it keeping whoever is on call now.</summary>
    public async Task<Outcome<ScheduleDto>> PutLayerAsync(Actor actor, string key, string layerName, LayerRequest request, CancellationToken ct)
    {
        var row = await db.Schedules.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (row is null)
        {
            return Failure.NotFound($"No schedule '{key}'.");
        }

        var spec = Spec(row);
        var name = layerName.Trim();
        IReadOnlyList<IReadOnlyList<string>> participants = [.. (request.Participants ?? []).Select(slot => (IReadOnlyList<string>)[.. (slot ?? []).Select(p => p?.Trim() ?? "")])];
        var layer = new LayerSpec(name, participants, request.Shift?.Trim(), request.Start?.Trim(), Blank(request.Handoff), Blank(request.End),
            request.Restrictions is { Count: > 0 } r ? [.. r.Select(x => x.Trim())] : null);
        var layers = spec.Layers.ToList();
        var index = LayerIndex(spec, name);
        if (index < 0)
        {
            layers.Add(layer);
        }
        else
        {
            layers[index] = KeepWhoIsOn(spec, index, row.TimeZone, layer, Instant.FromDateTimeOffset(clock.GetUtcNow())).Layer;
        }

        var details = $"layer {name} {(index < 0 ? "added" : "changed")}: {LayerSummary(layer)}";
        return await SaveAsync(actor, key, new ScheduleRequest(row.Name, row.TimeZone, layers, [.. spec.Overrides ?? []]), ("schedule.layer", details), ct);
    }

    public async Task<Outcome<ScheduleDto>> RemoveLayerAsync(Actor actor, string key, string layerName, CancellationToken ct)
    {
        var row = await db.Schedules.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (row is null)
        {
            return Failure.NotFound($"No schedule '{key}'.");
        }

        var spec = Spec(row);
        var index = LayerIndex(spec, layerName);
        if (index < 0)
        {
            return Failure.NotFound($"Schedule '{key}' has no layer '{layerName}'; its layers are: {string.Join(", ", spec.Layers.Select(ScheduleSpec.LayerName))}.");
        }

        if (spec.Layers.Count == 1)
        {
            return Failure.Invalid("layers", "A schedule needs at least one layer: add another layer first, or delete the schedule.");
        }

        var layers = spec.Layers.Where((_, i) => i != index).ToList();
        return await SaveAsync(actor, key, new ScheduleRequest(row.Name, row.TimeZone, layers, [.. spec.Overrides ?? []]),
            ("schedule.layer", $"layer {layerName.Trim()} removed"), ct);
    }

    /// <summary>
    /// The next <see cref="PreviewDays"/> days of <paramref name="request"/> and the gaps it leaves, checked exactly as a
    /// save would check it (<paramref name="key"/> too when given) and saving nothing.
    /// </summary>
    public async Task<Outcome<PreviewDto>> PreviewAsync(string? key, ScheduleRequest request, CancellationToken ct)
    {
        var (spec, problem) = await ValidateAsync(string.IsNullOrWhiteSpace(key) ? null : key.Trim(), request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var schedule = spec.Build().Schedule!;
        var from = clock.GetUtcNow();
        var to = from.AddDays(PreviewDays);
        var range = new Interval(Instant.FromDateTimeOffset(from), Instant.FromDateTimeOffset(to));
        var segments = schedule.Timeline(range)
            .Select(s => new SegmentDto(s.Interval.Start.ToDateTimeOffset(), s.Interval.End.ToDateTimeOffset(), s.OnDuty.People,
                LayerName(schedule, s.OnDuty), s.OnDuty.Overrides.Count > 0))
            .ToList();
        return new PreviewDto(from, to, segments, Gaps(schedule, range), Core.OnCall.GapText.Lines(schedule, range));
    }

    /// <summary>
    /// <paramref name="layer"/> with the rotation offset that keeps whoever is on call now, when it replaces layer
    /// <paramref name="index"/> of <paramref name="old"/> with the same zone, shift, start and hand-off; as written otherwise.
    /// The one rule for the editor, the layer API and config apply, with what the participant change does to who is on
    /// (<c>Note</c>, null when nobody moves).
    /// </summary>
    internal static (LayerSpec Layer, string? Note) KeepWhoIsOn(ScheduleSpec old, int index, string? zone, LayerSpec layer, Instant now)
    {
        var was = old.Layers[index];
        if (layer.RotationOffset is not null || old.Build().Schedule is not { } built
            || !Same(zone, old.TimeZone) || !Same(layer.Shift, was.Shift) || !Same(layer.Start, was.Start) || !Same(layer.Handoff, was.Handoff))
        {
            return (layer, null);
        }

        if (SameSlots(layer.Participants, was.Participants))
        {
            return (layer with { RotationOffset = was.RotationOffset }, null);
        }

        var edit = ParticipantChange.Of(built.Layers[index], built.Zone, layer.Participants, now, EditMode.KeepCurrent);
        return (WithParticipants(layer, edit.Layer), edit.Summary);
    }

    internal static bool SameSlots(IReadOnlyList<IReadOnlyList<string>> a, IReadOnlyList<IReadOnlyList<string>> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.SequenceEqual(p.Second, StringComparer.Ordinal));

    /// <summary>"weekly from 2026-01-05T09:00, handoff 09:00, Mon-Fri: ann, bob+carol", for audit details.</summary>
    internal static string LayerSummary(LayerSpec layer)
    {
        var parts = new[]
        {
            $"{layer.Shift} from {layer.Start}",
            layer.Handoff is null ? null : $"handoff {layer.Handoff}",
            layer.End is null ? null : $"until {layer.End}",
            layer.Restrictions is { Count: > 0 } r ? string.Join("; ", r) : null,
        };
        return $"{string.Join(", ", parts.OfType<string>())}: {SlotsText(layer.Participants)}";
    }

    private async Task<Outcome<ScheduleDto>> SaveAsync(Actor actor, string key, ScheduleRequest request, (string Action, string Details)? auditAs, CancellationToken ct)
    {
        var staged = await StagePutAsync(actor, key, request, auditAs, ct);
        if (staged.Value is not { } row)
        {
            return new Outcome<ScheduleDto>(staged.Kind, null, staged.Error, staged.FieldErrors);
        }

        await db.SaveChangesAsync(ct);
        return ToDto(row);
    }

    private static bool Same(string? a, string? b) => string.Equals(a?.Trim(), b?.Trim(), StringComparison.Ordinal);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
