using Firebreak.Server.Features.Auth;
using Firebreak.Server.Storage;

namespace Firebreak.Server.Features.Audit;

/// <summary>Adds audit events to the caller's unit of work so a change and its audit record commit together.</summary>
public sealed class AuditLog(FirebreakDb db, TimeProvider clock)
{
    public void Record(Actor actor, string action, string resource, string? details = null) =>
        db.AuditEvents.Add(new AuditEvent
        {
            At = clock.GetUtcNow(),
            ActorUserId = actor.UserId,
            Actor = actor.Name,
            Action = action,
            Resource = resource,
            SourceAddress = actor.SourceAddress,
            Details = details,
        });
}
