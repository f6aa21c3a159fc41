using System.Text.Json;
using Firebreak.Core.OnCall;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.OnCall;

/// <summary>Overrides one at a time: a responder covering a shift, without rewriting the whole schedule.</summary>
public sealed partial class ScheduleService
{
    // Another override added at the same moment rewrites the same JSON; retrying from a fresh read keeps both.
    private const int OverrideWriteAttempts = 3;

    public async Task<Outcome<IReadOnlyList<OverrideDto>>> OverridesAsync(string key, CancellationToken ct)
    {
        var row = await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct);
        return row is null ? Failure.NotFound($"No schedule '{key}'.") : OverrideList(row);
    }

    public async Task<Outcome<OverrideDto>> AddOverrideAsync(Actor actor, string key, OverrideRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var person = request.Person?.Trim() ?? "";
        if (person.Length == 0)
        {
            errors["person"] = ["Say who covers the shift: a Firebreak username."];
        }
        else if (await db.Users.AsNoTracking().Where(u => u.Username == person && !u.Disabled).Select(u => (Role?)u.Role).FirstOrDefaultAsync(ct) is not { } role)
        {
            errors["person"] = [$"No active user '{person}'; an override names a Firebreak username."];
        }
        else if (!PagingEligibility.CanBePaged(role))
        {
            errors["person"] = [PagingEligibility.ViewerProblem(person)];
        }

        var from = OverrideIds.ParseInstant(request.From);
        var to = OverrideIds.ParseInstant(request.To);
        if (from is null)
        {
            errors["from"] = ["'from' must be a date and time with Z or an offset, e.g. 2026-03-01T09:00:00+01:00."];
        }

        if (to is null)
        {
            errors["to"] = ["'to' must be a date and time with Z or an offset, e.g. 2026-03-01T17:00:00+01:00."];
        }
        else if (from is not null && to <= from)
        {
            errors["to"] = ["'to' must be after 'from'."];
        }
        else if (from is not null && to - from > OverrideIds.MaxLength)
        {
            errors["to"] = [$"An override lasts at most {OverrideIds.MaxLength.TotalDays:0} days; change the rotation for longer."];
        }
        else if (to <= clock.GetUtcNow())
        {
            errors["to"] = ["The override ends in the past; it would change nothing."];
        }

        var mode = OverrideIds.ModeWord(request.Mode);
        if (mode is null)
        {
            errors["mode"] = [$"'{request.Mode}' is not a mode; use replace (instead of whoever is on) or add (as well)."];
        }

        if (errors.Count > 0)
        {
            return errors.TryGetValue("person", out var who) ? new Failure(OutcomeKind.Invalid, who[0], errors) : Failure.Invalid(errors);
        }

        var spec = new OverrideSpec(person, OverrideIds.Format(from!.Value), OverrideIds.Format(to!.Value), mode);
        var added = OverrideIds.ToDto(spec);
        return await RewriteOverridesAsync(key, overrides => [.. overrides, spec], () =>
        {
            audit.Record(actor, "schedule.override.add", $"schedule/{key}", Describe(added));
            return added;
        }, "", ct);
    }

    public async Task<Outcome<OverrideDto>> RemoveOverrideAsync(Actor actor, string key, string id, CancellationToken ct)
    {
        OverrideDto? removed = null;
        return await RewriteOverridesAsync(key, overrides =>
        {
            var index = overrides.FindIndex(o => OverrideIds.ToDto(o).Id == id);
            if (index < 0)
            {
                return null;
            }

            removed = OverrideIds.ToDto(overrides[index]);
            return [.. overrides.Where((_, i) => i != index)];
        }, () =>
        {
            audit.Record(actor, "schedule.override.remove", $"schedule/{key}", Describe(removed!));
            return removed!;
        }, $"Schedule '{key}' has no override '{id}'.", ct);
    }

    /// <summary>
    /// Replaces the stored overrides with what <paramref name="change"/> makes of them, only if nobody rewrote them
    /// since they were read: the table has no concurrency token (and this change adds no column), so the update itself
    /// compares the JSON it read. The audit event commits in the same transaction.
    /// </summary>
    private async Task<Outcome<OverrideDto>> RewriteOverridesAsync(
        string key,
        Func<List<OverrideSpec>, List<OverrideSpec>?> change,
        Func<OverrideDto> record,
        string notFound,
        CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var row = await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct);
            if (row is null)
            {
                return Failure.NotFound($"No schedule '{key}'.");
            }

            var changed = change(Spec(row).Overrides?.ToList() ?? []);
            if (changed is null)
            {
                return Failure.NotFound(notFound);
            }

            var json = JsonSerializer.Serialize(changed, s_json);
            var now = clock.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var written = await db.Schedules
                .Where(s => s.Id == row.Id && s.OverridesJson == row.OverridesJson)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.OverridesJson, json).SetProperty(s => s.UpdatedAt, now), ct);
            if (written == 0)
            {
                await transaction.RollbackAsync(ct);
                if (attempt == OverrideWriteAttempts)
                {
                    return Failure.Conflict($"Schedule '{key}' kept changing while this override was saved; try again.");
                }

                continue;
            }

            var result = record();
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return result;
        }
    }

    private static List<OverrideDto> OverrideList(ScheduleRecord row) => [.. (Spec(row).Overrides ?? []).Select(OverrideIds.ToDto)];

    private static string Describe(OverrideDto o) => $"{o.Id}: {o.Person} ({o.Mode}) {OverrideIds.Format(o.From)} → {OverrideIds.Format(o.To)}";
}
