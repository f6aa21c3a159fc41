using Firebreak.Core.StatusPage;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.StatusPage.Subscribers;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.StatusPage;

/// <summary>The status page's components as responders see and set them; each change re-renders the public page.</summary>
public sealed class StatusComponentService(FirebreakDb db, AuditLog audit, TimeProvider clock, StatusSnapshot snapshot)
{
    public async Task<IReadOnlyList<StatusComponentDto>> ListAsync(CancellationToken ct)
    {
        var rows = await db.StatusComponents.AsNoTracking().ToListAsync(ct);
        return [.. rows.Sorted().Select(ToDto)];
    }

    /// <summary>The components whose services include <paramref name="serviceKey"/>: what an incident on it concerns.</summary>
    public async Task<IReadOnlyList<StatusComponentDto>> ForServiceAsync(string serviceKey, CancellationToken ct) =>
        [.. (await ListAsync(ct)).Where(c => c.Services.Contains(serviceKey, StringComparer.Ordinal))];

    public async Task<Outcome<StatusComponentDto>> SetStatusAsync(Actor actor, string key, SetComponentStatusRequest request, CancellationToken ct)
    {
        if (!ComponentStatus.IsKnown(request.Status))
        {
            return Failure.Invalid("status", $"'{request.Status}' is not a component status; use one of: {string.Join(", ", ComponentStatus.All)}.");
        }

        var component = await db.StatusComponents.FirstOrDefaultAsync(c => c.Key == key, ct);
        if (component is null)
        {
            return Failure.NotFound($"No status page component '{key}'. GET /api/v1/status-components lists them.");
        }

        if (component.Status != request.Status)
        {
            var now = clock.GetUtcNow();
            audit.Record(actor, "status_component.update", $"status-component/{key}", $"{component.Status} → {request.Status}");
            component.Status = request.Status!;
            component.UpdatedAt = now;
            db.StatusComponentChanges.Add(new StatusComponentChange { ComponentId = component.Id, Status = request.Status!, At = now, ChangedBy = actor.Name });
            await SubscriberService.NoticeDueAsync(db, [key], now, ct);
            await db.SaveChangesAsync(ct);
            await snapshot.RenderAsync(ct);
        }

        return ToDto(component);
    }

    private static StatusComponentDto ToDto(StatusComponent c) =>
        new(c.Key, c.Name, c.Description, c.GroupName, c.Position, c.Status, c.Services, c.UpdatedAt);
}
