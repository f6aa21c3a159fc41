using Firebreak.Core.StatusPage;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.StatusPage.Config;

/// <summary>
/// Stages components by key. Config says what the page lists; the status itself is the responders' to set, so a new
/// component starts operational and apply never changes a status. Components config does not list are left alone.
/// </summary>
internal sealed class StatusComponentStage(FirebreakDb db, TimeProvider clock)
{
    public async Task StageAsync(ConfigStaging staging, IReadOnlyList<StatusComponentConfig> wanted, CancellationToken ct)
    {
        if (wanted.Count == 0)
        {
            return;
        }

        var existing = await db.StatusComponents.ToDictionaryAsync(c => c.Key, StringComparer.Ordinal, ct);
        foreach (var c in wanted)
        {
            var row = existing.GetValueOrDefault(c.Key);
            var change = new ChangeBuilder($"status_component/{c.Key}", row is null)
                .Field("name", row?.Name, c.Name)
                .Field("description", row?.Description, c.Description)
                .Field("group", row?.GroupName, c.Group)
                .Field("services", row is null ? null : ConfigText.List(row.Services), c.Services.Count == 0 && row is null ? null : ConfigText.List(c.Services))
                .Field("position", row?.Position.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Position.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Build();
            if (!staging.Record(change, row is null ? "status_component.create" : "status_component.update", $"status-component/{c.Key}", c.Name))
            {
                continue;
            }

            var now = clock.GetUtcNow();
            if (row is null)
            {
                row = new StatusComponent { Key = c.Key, Name = c.Name, Status = ComponentStatus.Operational, CreatedAt = now };
                db.StatusComponents.Add(row);
                existing[c.Key] = row;
            }

            row.Name = c.Name;
            row.Description = c.Description;
            row.GroupName = c.Group;
            row.Services = [.. c.Services];
            row.Position = c.Position;
            row.UpdatedAt = now;
        }
    }
}
