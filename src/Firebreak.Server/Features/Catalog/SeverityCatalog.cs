using Firebreak.Core.Severity;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Catalog;

/// <summary>Reads and replaces the instance's severity scheme.</summary>
public sealed class SeverityCatalog(FirebreakDb db, SeveritySchemeCache cache)
{
    public const string SchemeSettingKey = "severity.scheme";

    public Task<SeverityScheme> GetSchemeAsync(CancellationToken ct = default) => cache.GetAsync(() => LoadAsync(ct));

    private async Task<SeverityScheme> LoadAsync(CancellationToken ct)
    {
        var rows = await db.SeverityLevels.AsNoTracking().OrderBy(l => l.Rank).ToListAsync(ct);
        var name = await db.Settings.AsNoTracking().Where(s => s.Key == SchemeSettingKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return new SeverityScheme(name ?? "custom", rows.Select(ToLevel).ToList());
    }

    /// <summary>Replaces the stored levels with <paramref name="scheme"/>; the caller saves.</summary>
    public async Task ReplaceAsync(SeverityScheme scheme, CancellationToken ct = default)
    {
        var existing = await db.SeverityLevels.ToListAsync(ct);
        foreach (var row in existing.Where(r => scheme.Find(r.Key) is null))
        {
            db.SeverityLevels.Remove(row);
        }

        foreach (var level in scheme.Levels)
        {
            var row = existing.FirstOrDefault(r => string.Equals(r.Key, level.Key, StringComparison.OrdinalIgnoreCase));
            if (row is null)
            {
                row = new SeverityLevelRow { Key = level.Key, Name = level.Name };
                db.SeverityLevels.Add(row);
            }

            row.Name = level.Name;
            row.Rank = level.Rank;
            row.Description = level.Description;
            row.AcknowledgeWithinSeconds = Seconds(level.Targets.AcknowledgeWithin);
            row.MitigateWithinSeconds = Seconds(level.Targets.MitigateWithin);
            row.UpdateEverySeconds = Seconds(level.Targets.UpdateEvery);
            row.ReviewWithinSeconds = Seconds(level.Targets.ReviewWithin);
            row.Checklist = [.. level.Checklist];
            row.Review = level.Review?.ToWire();
            row.ReviewQuestions = level.ReviewQuestions is { } questions ? [.. questions] : null;
            row.ExternalCommsNeedApproval = level.ExternalCommsNeedApproval;
        }

        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == SchemeSettingKey, ct);
        if (setting is null)
        {
            db.Settings.Add(new Setting { Key = SchemeSettingKey, Value = scheme.Name });
        }
        else
        {
            setting.Value = scheme.Name;
        }
    }

    private static SeverityLevel ToLevel(SeverityLevelRow r) => new(
        r.Key, r.Name, r.Rank, r.Description,
        new ResponseTargets(Span(r.AcknowledgeWithinSeconds), Span(r.MitigateWithinSeconds), Span(r.UpdateEverySeconds), Span(r.ReviewWithinSeconds)),
        r.Checklist,
        ReviewRequirements.Parse(r.Review),
        r.ReviewQuestions,
        r.ExternalCommsNeedApproval);

    private static TimeSpan? Span(int? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;

    private static int? Seconds(TimeSpan? t) => t is { } v ? (int)v.TotalSeconds : null;
}
