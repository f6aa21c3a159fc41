using Firebreak.Core.OnCall;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Firebreak.Server.Features.OnCall.Config;

/// <summary>
/// Stages on-call schedules, matched by key, and writes them through <see cref="ScheduleService"/> so config and the API
/// validate and audit alike. Schedules config does not list are left alone, as are overrides when a schedule has no
/// <c>overrides:</c>. A layer whose participants change while its rotation (zone, shift, start, hand-off) does not
/// keeps whoever is on call now, as the API's keep_current edit does: a roster change merged at 3 a.m. must not hand
/// the pager to someone asleep.
/// </summary>
internal sealed class ScheduleStage(FirebreakDb db, ScheduleService schedules, TimeProvider clock)
{
    public async Task StageAsync(
        ConfigStaging staging, IReadOnlyList<ScheduleConfig> wanted, IReadOnlySet<string> users, IReadOnlySet<string> viewers, Actor actor, CancellationToken ct)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        foreach (var c in wanted)
        {
            var unknown = ScheduleSection.PeopleProblems(c, users, viewers);
            if (unknown.Count > 0)
            {
                staging.Errors.AddRange(unknown);
                continue;
            }

            var row = await db.Schedules.FirstOrDefaultAsync(s => s.Key == c.Key, ct);
            var old = row is null ? null : ScheduleService.SpecOf(row);
            var (spec, notes) = Resolve(c, old, now);
            var change = Compare(c, row, old, spec, notes);
            staging.Changes.Add(change);
            if (spec.Build().Schedule is { } schedule)
            {
                staging.Warnings.AddRange(GapWarnings(c, schedule, now));
            }

            if (!change.IsChange)
            {
                continue;
            }

            // The service audits the write itself (as for the API), so this stage does not go through staging.Record.
            var request = new ScheduleRequest(c.Name, spec.TimeZone, [.. spec.Layers], [.. spec.Overrides ?? []]);
            var staged = await schedules.StagePutAsync(actor, c.Key, request, row is null ? null : ("schedule.update", change.FieldNames), ct);
            if (!staged.IsOk)
            {
                staging.Errors.AddRange((staged.FieldErrors?.Values.SelectMany(m => m) ?? [staged.Error ?? "invalid"])
                    .Select(m => new ConfigError(c.Where, $"schedule '{c.Key}': {m}").ToString()));
            }
        }
    }

    /// <summary>"file:line: warning: schedule platform: nobody on call …" for each gap in the next four weeks.</summary>
    public static IEnumerable<string> GapWarnings(ScheduleConfig c, Schedule schedule, Instant now) =>
        GapText.Lines(schedule, new Interval(now, now + Duration.FromTimeSpan(ScheduleService.GapHorizon)))
            .Select(line => $"{c.Where}: warning: schedule {c.Key}: {line}");

    /// <summary>The schedule apply would store, and per layer what a participant change does to who is on.</summary>
    private static (ScheduleSpec Spec, Dictionary<int, string> Notes) Resolve(ScheduleConfig c, ScheduleSpec? old, Instant now)
    {
        var notes = new Dictionary<int, string>();
        var layers = new List<LayerSpec>();
        for (var i = 0; i < c.Spec.Layers.Count; i++)
        {
            var layer = c.Spec.Layers[i];
            var o = old is null ? -1 : ScheduleService.LayerIndex(old, ScheduleSpec.LayerName(layer, i));
            if (o >= 0)
            {
                (layer, var note) = ScheduleService.KeepWhoIsOn(old!, o, c.Spec.TimeZone, layer, now);
                if (note is not null)
                {
                    notes[i] = note;
                }
            }

            layers.Add(layer);
        }

        var overrides = c.ManagesOverrides ? c.Spec.Overrides : old?.Overrides;
        return (new ScheduleSpec(c.Spec.TimeZone?.Trim(), layers, overrides ?? []), notes);
    }

    private static ConfigChange Compare(ScheduleConfig c, ScheduleRecord? row, ScheduleSpec? old, ScheduleSpec spec, Dictionary<int, string> notes)
    {
        var oldNames = old?.Layers.Select(ScheduleSpec.LayerName).ToList() ?? [];
        var newNames = spec.Layers.Select(ScheduleSpec.LayerName).ToList();
        var change = new ChangeBuilder($"schedule/{c.Key}", row is null)
            .Field("name", row?.Name, c.Name)
            .Field("time_zone", row?.TimeZone, spec.TimeZone)
            .Field("layers", row is null ? null : string.Join(", ", oldNames), string.Join(", ", newNames));
        for (var i = 0; i < spec.Layers.Count; i++)
        {
            var layer = spec.Layers[i];
            var o = oldNames.IndexOf(newNames[i]);
            if (o < 0)
            {
                change.Field($"layer {newNames[i]}", null, Summary(layer));
                continue;
            }

            var was = old!.Layers[o];
            change.Field($"layer {newNames[i]} participants", ScheduleService.SlotsText(was.Participants), ScheduleService.SlotsText(layer.Participants),
                    !ScheduleService.SameSlots(was.Participants, layer.Participants), notes.GetValueOrDefault(i))
                .Field($"layer {newNames[i]} shift", was.Shift, layer.Shift)
                .Field($"layer {newNames[i]} start", was.Start, layer.Start)
                .Field($"layer {newNames[i]} handoff", was.Handoff, layer.Handoff)
                .Field($"layer {newNames[i]} end", was.End, layer.End)
                .Field($"layer {newNames[i]} restrictions", Restrictions(was), Restrictions(layer));
            if (c.Spec.Layers[i].RotationOffset is not null)
            {
                // Only an offset the file states is compared: one set by a keep_current edit is not config's to undo.
                change.Field($"layer {newNames[i]} rotation_offset", ConfigText.Number(was.RotationOffset ?? 0), ConfigText.Number(layer.RotationOffset ?? 0));
            }
        }

        foreach (var gone in oldNames.Where(n => !newNames.Contains(n, StringComparer.Ordinal)))
        {
            change.Field($"layer {gone}", Summary(old!.Layers[oldNames.IndexOf(gone)]), null);
        }

        return change.Field("overrides", old is null ? null : Overrides(old), Overrides(spec)).Build();
    }

    private static string? Restrictions(LayerSpec layer) => layer.Restrictions is { Count: > 0 } r ? ConfigText.List(r) : null;

    private static string Summary(LayerSpec layer)
    {
        var parts = new[]
        {
            $"{layer.Shift} from {layer.Start}",
            layer.Handoff is null ? null : $"handoff {layer.Handoff}",
            layer.End is null ? null : $"until {layer.End}",
            Restrictions(layer),
        };
        return $"{string.Join(", ", parts.OfType<string>())}: {ScheduleService.SlotsText(layer.Participants)}";
    }

    private static string? Overrides(ScheduleSpec spec) => spec.Overrides is { Count: > 0 } overrides
        ? string.Join("; ", overrides.Select(o => $"{o.Person} {o.From} – {o.To}{(o.Mode is null ? "" : $" ({o.Mode})")}"))
        : null;
}
