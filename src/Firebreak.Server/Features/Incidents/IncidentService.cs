using System.Globalization;
using Firebreak.Core.Incidents;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents.Opening;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Incidents;

/// <summary>
/// Every change to an incident: each one writes its timeline entry and audit event in the same commit, with what other
/// features registered to do on a change (<see cref="IIncidentChangeStep"/>) or an opening (through <see cref="IncidentOpener"/>).
/// </summary>
public sealed partial class IncidentService(
    FirebreakDb db,
    SeverityCatalog severities,
    AuditLog audit,
    IncidentEvents events,
    IncidentReader reader,
    TimeProvider clock,
    IncidentOpener opener,
    IEnumerable<IIncidentChangeStep> changeSteps,
    IEnumerable<IIncidentResolvedStep> resolvedSteps)
{
    public async Task<Outcome<IncidentDetail>> DeclareAsync(Actor actor, DeclareIncidentRequest request, CancellationToken ct)
    {
        var scheme = await severities.GetSchemeAsync(ct);
        var errors = new Dictionary<string, string[]>();
        var title = request.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            errors["title"] = ["A title is required: say what is broken, e.g. 'Checkout API returning 500s'."];
        }
        else if (title.Length > IncidentLimits.TitleMax)
        {
            errors["title"] = [$"The title is {title.Length} characters; the limit is {IncidentLimits.TitleMax}."];
        }

        var level = ResolveSeverity(scheme, request.Severity, errors);
        Service? service = null;
        if (!string.IsNullOrWhiteSpace(request.Service))
        {
            var key = request.Service.Trim();
            service = await db.Services.FirstOrDefaultAsync(s => s.Key == key, ct);
            if (service is null)
            {
                var known = await db.Services.OrderBy(s => s.Key).Select(s => s.Key).ToListAsync(ct);
                errors["service"] = [$"Unknown service '{key}'. Known services: {(known.Count == 0 ? "none yet" : string.Join(", ", known))}."];
            }
        }

        var now = clock.GetUtcNow();
        if (request.ImpactStartedAt is { } impact && impact > now.AddMinutes(1))
        {
            errors["impactStartedAt"] = ["Impact cannot start in the future."];
        }

        CheckLength(errors, "description", request.Description, IncidentLimits.TextMax);
        CheckLength(errors, "impact", request.Impact, IncidentLimits.TextMax);
        var commander = await FindUserAsync(request.Commander, "commander", errors, ct);
        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }

        var incident = await opener.RunAsync(async () =>
        {
            var opened = await opener.OpenAsync(
                new NewIncident(title!, level!, service, Blank(request.Description), Blank(request.Impact), request.ImpactStartedAt, commander, request.IsDrill ?? false),
                actor, now, ct);
            audit.Record(actor, "incident.declare", Resource(opened), $"{level!.Key} {opened.Title}");
            // The first pages commit with the incident, so they go out the moment it exists.
            await opener.SaveAsync(ct);
            return opened;
        }, ct);
        events.Publish(new IncidentChanged(incident.Id, incident.Slug, incident.Revision));
        return await reader.GetRequiredAsync(incident.Id, ct);
    }

    /// <summary>
    /// Triggered: moves to investigating. Open and waiting for an answer again (an alert fired again during monitoring):
    /// stands as the new acknowledgement, status unchanged. Either way paging stops.
    /// </summary>
    public async Task<Outcome<IncidentDetail>> AcknowledgeAsync(Actor actor, string reference, CancellationToken ct) =>
        await MutateAsync(actor, reference, (incident, now) =>
        {
            if (!incident.AwaitingAcknowledgement)
            {
                return Failure.Conflict(incident.Status.IsOpen()
                    ? $"The incident is already acknowledged ({incident.Status.ToWire()}); paging has stopped."
                    : $"The incident is {incident.Status.ToWire()}; there is nothing to acknowledge.");
            }

            if (incident.Status == IncidentStatus.Triggered)
            {
                var error = IncidentFactory.ChangeStatus(db, incident, IncidentStatus.Investigating, actor, now);
                return error is null
                    ? Change(null, null, "incident.status.investigating", $"{IncidentStatus.Triggered.ToWire()} -> {IncidentStatus.Investigating.ToWire()}")
                    : Failure.Conflict(error);
            }

            IncidentFactory.Acknowledge(db, incident, actor, now);
            return Change(null, null, "incident.acknowledge", incident.Status.ToWire());
        }, ct);

    public Task<Outcome<IncidentDetail>> ResolveAsync(Actor actor, string reference, ResolveRequest request, CancellationToken ct) =>
        ChangeStatusAsync(actor, reference, new StatusChangeRequest(IncidentStatus.Resolved.ToWire(), request.Text, request.Resolution), ct);

    public async Task<Outcome<IncidentDetail>> ChangeStatusAsync(Actor actor, string reference, StatusChangeRequest request, CancellationToken ct)
    {
        if (!IncidentStatusNames.TryParse(request.Status, out var to))
        {
            return Failure.Invalid("status", $"Unknown status '{request.Status}'. Use one of: {IncidentStatusNames.AllWire}.");
        }

        var errors = new Dictionary<string, string[]>();
        if (NoteError(request.Note, required: false) is { } noteError)
        {
            errors["note"] = [noteError];
        }

        var (resolution, resolutionError) = IncidentResolutions.Parse(request.Resolution);
        if (resolutionError is not null)
        {
            errors["resolution"] = [resolutionError];
        }
        else if (request.Resolution is not null && to != IncidentStatus.Resolved)
        {
            errors["resolution"] = [$"A resolution is given only when resolving, not when moving to {to.ToWire()}."];
        }

        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }

        return await MutateAsync(actor, reference, (incident, now) =>
        {
            var from = incident.Status;
            var error = IncidentFactory.ChangeStatus(db, incident, to, actor, now, request.Note, resolution: resolution);
            var details = $"{from.ToWire()} -> {to.ToWire()}{(to == IncidentStatus.Resolved ? $" ({resolution})" : "")}";
            return error is null
                ? Change(null, null, $"incident.status.{to.ToWire()}", details)
                : Failure.Conflict(error);
        }, ct);
    }

    public async Task<Outcome<IncidentDetail>> ChangeSeverityAsync(Actor actor, string reference, SeverityChangeRequest request, CancellationToken ct)
    {
        var scheme = await severities.GetSchemeAsync(ct);
        var errors = new Dictionary<string, string[]>();
        var level = ResolveSeverity(scheme, request.Severity, errors);
        if (level is null)
        {
            return Failure.Invalid(errors);
        }

        return await MutateAsync(actor, reference, (incident, _) =>
        {
            if (string.Equals(incident.SeverityKey, level.Key, StringComparison.OrdinalIgnoreCase))
            {
                return Failure.Conflict($"The incident is already {level.Key}.");
            }

            var old = incident.SeverityKey;
            incident.SeverityKey = level.Key;
            var text = $"Severity: {old} → {level.Key}";
            if (!string.IsNullOrWhiteSpace(request.Reason))
            {
                text += $" — {request.Reason.Trim()}";
            }

            return Change(TimelineKind.SeverityChanged, text, "incident.severity", $"{old} -> {level.Key}");
        }, ct);
    }

    public async Task<Outcome<IncidentDetail>> AssignRoleAsync(Actor actor, string reference, RoleAssignmentRequest request, CancellationToken ct)
    {
        if (!IncidentRoleNames.TryParse(request.Role, out var role))
        {
            return Failure.Invalid("role", $"Unknown role '{request.Role}'. Use one of: {IncidentRoleNames.AllWire}.");
        }

        var errors = new Dictionary<string, string[]>();
        var user = await FindUserAsync(request.User, "user", errors, ct);
        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }

        return await MutateAsync(actor, reference, (incident, _) =>
        {
            if (incident.RoleHolderId(role) == user?.Id)
            {
                return Failure.Conflict(user is null
                    ? $"Nobody holds the {role.Title().ToLowerInvariant()} role."
                    : $"{user.DisplayName} is already {role.Title().ToLowerInvariant()}.");
            }

            incident.SetRoleHolder(role, user?.Id);
            var text = user is null ? $"{role.Title()} role cleared" : $"{user.DisplayName} is {role.Title().ToLowerInvariant()}";
            return Change(TimelineKind.RoleAssigned, text, "incident.role", $"{role.ToWire()}={user?.Username ?? "-"}");
        }, ct);
    }

    public async Task<Outcome<IncidentDetail>> AddNoteAsync(Actor actor, string reference, NoteRequest request, CancellationToken ct)
    {
        var error = NoteError(request.Text, required: true);
        if (error is not null)
        {
            return Failure.Invalid("text", error);
        }

        return await MutateAsync(actor, reference, (_, _) =>
            Change(TimelineKind.Note, request.Text!.Trim(), "incident.note", null), ct);
    }

    public async Task<Outcome<IncidentDetail>> SetChecklistItemAsync(
        Actor actor, string reference, long itemId, ChecklistUpdateRequest request, CancellationToken ct)
    {
        if (request.Done is not { } done)
        {
            return Failure.Invalid("done", "Say whether the item is done: {\"done\": true} or {\"done\": false}.");
        }

        return await MutateAsync(actor, reference, (incident, now) =>
        {
            var item = incident.Checklist.FirstOrDefault(c => c.Id == itemId);
            if (item is null)
            {
                return Failure.NotFound($"Checklist item {itemId} is not on incident {incident.Slug}.");
            }

            if (item.Done == done)
            {
                return Failure.Conflict($"'{item.Text}' is already {(done ? "done" : "not done")}.");
            }

            item.Done = done;
            item.DoneAt = done ? now : null;
            item.DoneBy = done ? actor.Name : null;
            return Change(done ? TimelineKind.ChecklistChecked : TimelineKind.ChecklistUnchecked,
                $"{(done ? "Checked" : "Unchecked")}: {item.Text}", "incident.checklist", $"{item.Id}={done}");
        }, ct);
    }

    private sealed record PendingChange(string? Kind, string? Text, string AuditAction, string? AuditDetails);

    private static Outcome<PendingChange> Change(string? kind, string? text, string auditAction, string? details) =>
        new PendingChange(kind, text, auditAction, details);

    private async Task<Outcome<IncidentDetail>> MutateAsync(
        Actor actor, string reference, Func<Incident, DateTimeOffset, Outcome<PendingChange>> change, CancellationToken ct)
    {
        var incident = await FindAsync(reference, ct);
        if (incident is null)
        {
            return Failure.NotFound(IncidentReference.NotFound(reference));
        }

        var now = clock.GetUtcNow();
        var wasResolved = incident.Status == IncidentStatus.Resolved;
        var outcome = change(incident, now);
        if (!outcome.IsOk)
        {
            return new Outcome<IncidentDetail>(outcome.Kind, null, outcome.Error, outcome.FieldErrors);
        }

        var pending = outcome.Value!;
        if (pending.Kind is not null)
        {
            IncidentFactory.Touch(db, incident, actor, now, pending.Kind, pending.Text!);
        }

        audit.Record(actor, pending.AuditAction, Resource(incident), pending.AuditDetails);
        foreach (var step in changeSteps)
        {
            await step.OnChangedAsync(db, incident, now, ct);
        }

        if (!wasResolved && incident.Status == IncidentStatus.Resolved)
        {
            foreach (var step in resolvedSteps)
            {
                await step.OnResolvedAsync(db, incident, now, ct);
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Failure.Conflict("Someone else changed this incident at the same moment. Reload it and try again.");
        }

        events.Publish(new IncidentChanged(incident.Id, incident.Slug, incident.Revision));
        return await reader.GetRequiredAsync(incident.Id, ct);
    }

    private async Task<Incident?> FindAsync(string reference, CancellationToken ct)
    {
        return await db.Incidents.ByReference(reference).Include(i => i.Checklist).FirstOrDefaultAsync(ct);
    }

    private async Task<User?> FindUserAsync(string? username, string field, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(username))
        {
            return null;
        }

        var name = username.Trim();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Username == name && !u.Disabled, ct);
        if (user is null)
        {
            errors[field] = [$"Unknown user '{name}'."];
        }

        return user;
    }

    private static SeverityLevel? ResolveSeverity(SeverityScheme scheme, string? key, Dictionary<string, string[]> errors)
    {
        var keys = string.Join(", ", scheme.Levels.Select(l => l.Key));
        if (string.IsNullOrWhiteSpace(key))
        {
            errors["severity"] = [$"A severity is required. Use one of: {keys}."];
            return null;
        }

        var level = scheme.Find(key.Trim());
        if (level is null)
        {
            errors["severity"] = [$"Unknown severity '{key}'. Use one of: {keys}."];
        }

        return level;
    }

    private static string? NoteError(string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? "The note is empty." : null;
        }

        return text.Length > IncidentLimits.NoteMax ? $"The note is {text.Length} characters; the limit is {IncidentLimits.NoteMax}." : null;
    }

    private static void CheckLength(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (value is { Length: var n } && n > max)
        {
            errors[field] = [$"'{field}' is {n.ToString(CultureInfo.InvariantCulture)} characters; the limit is {max.ToString(CultureInfo.InvariantCulture)}."];
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Resource(Incident incident) => $"incident/{incident.Slug}";
}
