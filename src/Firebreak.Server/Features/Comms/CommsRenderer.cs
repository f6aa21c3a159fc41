using System.Globalization;
using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Comms;

/// <summary>A message as it goes out: subject, plain text (chat, timeline) and HTML (email).</summary>
public sealed record RenderedMessage(string Kind, string Subject, string Text, string Html);

/// <summary>
/// Renders a kind of message for an incident from the most specific template: severity and service, then service, then
/// severity, then the kind's override for any, then <see cref="DefaultTemplates"/>.
/// </summary>
public sealed class CommsRenderer(FirebreakDb db, PublicLinks links)
{
    public async Task<Outcome<RenderedMessage>> PreviewAsync(string reference, string? kind, string? text, CancellationToken ct)
    {
        if (kind is null || !CommsKinds.All.Contains(kind))
        {
            return Failure.Invalid("kind", $"Say which message to preview: kind={string.Join(", kind=", CommsKinds.All)}.");
        }

        var incident = await db.Incidents.AsNoTracking().ByReference(reference).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound(IncidentReference.NotFound(reference));
        }

        return await RenderAsync(incident, kind, text ?? "", null, ct);
    }

    public async Task<RenderedMessage> RenderAsync(Incident incident, string kind, string updateText, string? sentBy, CancellationToken ct)
    {
        var service = incident.ServiceId is { } sid
            ? await db.Services.AsNoTracking().Where(s => s.Id == sid).Select(s => new { s.Key, s.Name }).FirstOrDefaultAsync(ct)
            : null;
        var template = await PickAsync(kind, incident.SeverityKey, service?.Key ?? "", ct);
        var model = new CommsModel(
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["ref"] = $"INC-{incident.Number.ToString(CultureInfo.InvariantCulture)}",
                ["number"] = incident.Number,
                ["title"] = incident.Title,
                ["severity"] = incident.SeverityKey,
                ["service"] = service?.Name ?? "",
                ["status"] = incident.Status.ToWire(),
                ["commander"] = await NameAsync(incident.CommanderId, ct),
                ["comms_lead"] = await NameAsync(incident.CommsLeadId, ct),
                ["started_at"] = (incident.ImpactStartedAt ?? incident.DeclaredAt).ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
                ["url"] = links.Incident(incident.Number).ToString(),
            },
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["text"] = updateText, ["sent_by"] = sentBy ?? "" });
        return new RenderedMessage(kind,
            await CommsTemplates.RenderTextAsync(template.Subject, model),
            await CommsTemplates.RenderTextAsync(template.Body, model),
            await CommsTemplates.RenderHtmlAsync(template.Body, model));
    }

    private async Task<CommsTemplate> PickAsync(string kind, string severity, string service, CancellationToken ct)
    {
        var rows = await db.CommsTemplates.AsNoTracking().Where(t => t.Kind == kind).ToListAsync(ct);
        var best = rows
            .Where(t => (t.Severity.Length == 0 || t.Severity == severity) && (t.Service.Length == 0 || t.Service == service))
            .OrderByDescending(t => (t.Service.Length > 0 ? 2 : 0) + (t.Severity.Length > 0 ? 1 : 0))
            .FirstOrDefault();
        var fallback = DefaultTemplates.ByKind[kind];
        return best is null ? fallback : new CommsTemplate(best.Subject ?? fallback.Subject, best.Body);
    }

    private async Task<string> NameAsync(long? userId, CancellationToken ct) => userId is { } id
        ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "nobody"
        : "nobody";
}
