using Firebreak.Server.Features.Config;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Comms.Config;

/// <summary>
/// Stages template overrides by kind, severity and service. Config owns them wholly once it declares any: an override
/// no longer in the files is removed, so the message falls back to the next less specific template.
/// </summary>
internal sealed class CommsTemplateStage(FirebreakDb db, TimeProvider clock)
{
    public async Task StageAsync(ConfigStaging staging, IReadOnlyList<CommsTemplateConfig> wanted, CancellationToken ct)
    {
        if (wanted.Count == 0)
        {
            return;
        }

        foreach (var t in wanted.Where(t => t.Severity.Length > 0 && staging.Scheme.Find(t.Severity) is null))
        {
            staging.Errors.Add($"{t.Where}: comms template '{t.Name}' names unknown severity '{t.Severity}'");
        }

        var existing = await db.CommsTemplates.ToDictionaryAsync(t => CommsTemplateRow.Name(t.Kind, t.Severity, t.Service), StringComparer.Ordinal, ct);
        var now = clock.GetUtcNow();
        foreach (var t in wanted)
        {
            var row = existing.GetValueOrDefault(t.Name);
            var change = new ChangeBuilder($"comms_template/{t.Name}", row is null)
                .Field("subject", row?.Subject, t.Subject)
                .Field("body", row?.Body, t.Body)
                .Build();
            existing.Remove(t.Name);
            if (!staging.Record(change, row is null ? "comms_template.create" : "comms_template.update", $"comms-template/{t.Name}", null))
            {
                continue;
            }

            if (row is null)
            {
                row = new CommsTemplateRow { Kind = t.Kind, Severity = t.Severity, Service = t.Service, Body = t.Body };
                db.CommsTemplates.Add(row);
            }

            row.Subject = t.Subject;
            row.Body = t.Body;
            row.UpdatedAt = now;
        }

        foreach (var (name, row) in existing)
        {
            var removed = new ChangeBuilder($"comms_template/{name}", false)
                .Field("subject", row.Subject, null)
                .Field("body", row.Body, null, differs: true, note: "removed: the next less specific template applies")
                .Build();
            staging.Record(removed, "comms_template.delete", $"comms-template/{name}", null);
            db.CommsTemplates.Remove(row);
        }
    }
}
