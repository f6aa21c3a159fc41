using Firebreak.Core.OnCall;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Firebreak.Server.Features.OnCall;

/// <param name="Participants">The new slots in rotation order; a slot of several people puts them on together.</param>
/// <param name="Mode">keep_current (the default: whoever is on stays on) or reshuffle.</param>
public sealed record ParticipantsRequest(List<List<string>>? Participants, string? Mode);

/// <summary>Edits to one layer of a schedule, written through the same staging as PUT so they are validated and audited alike.</summary>
public sealed partial class ScheduleService
{
    /// <summary>
    /// Replaces a layer's participants. With keep_current the rotation is re-anchored (<see cref="LayerEdit"/>) so the
    /// person on call now finishes their shift; people rarely want a roster edit to hand over the pager mid-shift.
    /// </summary>
    public async Task<Outcome<ScheduleDto>> ReplaceParticipantsAsync(
        Actor actor, string key, string layerName, ParticipantsRequest request, CancellationToken ct)
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
            var names = string.Join(", ", spec.Layers.Select(ScheduleSpec.LayerName));
            return Failure.NotFound($"Schedule '{key}' has no layer '{layerName}'; its layers are: {names}.");
        }

        if (ParseMode(request.Mode) is not { } mode)
        {
            return Failure.Invalid("mode", $"Mode '{request.Mode}' is not keep_current or reshuffle.");
        }

        if (ParticipantProblem(request.Participants) is { } problem)
        {
            return Failure.Invalid("participants", problem);
        }

        IReadOnlyList<IReadOnlyList<string>> participants = [.. request.Participants!.Select(slot => (IReadOnlyList<string>)[.. slot.Select(p => p.Trim())])];
        var schedule = Load(row);
        var change = ParticipantChange.Of(schedule.Layers[index], schedule.Zone, participants, Instant.FromDateTimeOffset(clock.GetUtcNow()), mode);
        var layers = spec.Layers.ToList();
        layers[index] = WithParticipants(layers[index], change.Layer);
        var details = $"layer {schedule.Layers[index].Name}: {SlotsText(spec.Layers[index].Participants)} → {SlotsText(participants)} "
            + $"({(mode == EditMode.KeepCurrent ? "keep_current" : "reshuffle")}{(change.Summary is { } s ? $"; {s}" : "")})";
        var staged = await StagePutAsync(actor, key, new ScheduleRequest(row.Name, row.TimeZone, layers, [.. spec.Overrides ?? []]),
            ("schedule.participants", details), ct);
        if (!staged.IsOk)
        {
            return new Outcome<ScheduleDto>(staged.Kind, null, staged.Error, staged.FieldErrors);
        }

        await db.SaveChangesAsync(ct);
        return ToDto(row);
    }

    /// <summary>The schedule key rule of PUT, for config files to check before anything is staged.</summary>
    internal static bool IsKey(string key) => KeyShape().IsMatch(key);

    /// <summary>The stored text of a schedule, as PUT and config write it.</summary>
    internal static ScheduleSpec SpecOf(ScheduleRecord row) => Spec(row);

    /// <summary>The layer as text with the participants and rotation offset of <paramref name="edited"/>; an offset of
    /// 0 is left out so that a layer never edited reads back exactly as written.</summary>
    internal static LayerSpec WithParticipants(LayerSpec layer, Layer edited) =>
        layer with { Participants = edited.Participants, RotationOffset = edited.RotationOffset == 0 ? null : edited.RotationOffset };

    /// <summary>Slots as people type them on the command line: "alice, bob+carol".</summary>
    internal static string SlotsText(IEnumerable<IReadOnlyList<string>> slots) => string.Join(", ", slots.Select(s => string.Join("+", s)));

    internal static int LayerIndex(ScheduleSpec spec, string layerName)
    {
        for (var i = 0; i < spec.Layers.Count; i++)
        {
            if (string.Equals(ScheduleSpec.LayerName(spec.Layers[i], i), layerName.Trim(), StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static EditMode? ParseMode(string? mode) => mode?.Trim().ToLowerInvariant() switch
    {
        null or "" or "keep_current" => EditMode.KeepCurrent,
        "reshuffle" => EditMode.Reshuffle,
        _ => null,
    };

    private static string? ParticipantProblem(List<List<string>>? participants)
    {
        if (participants is null || participants.Count == 0)
        {
            return "Give at least one slot, e.g. [[\"alice\"], [\"bob\", \"carol\"]].";
        }

        var empty = participants.FindIndex(slot => slot is null || slot.Count == 0 || slot.Any(string.IsNullOrWhiteSpace));
        return empty < 0 ? null : $"Slot {empty + 1} is empty or has a blank name; each slot lists one or more usernames.";
    }
}
