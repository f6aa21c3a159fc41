using System.Globalization;
using Firebreak.Core.Escalation;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.OnCall;
using Firebreak.Server.Features.OnCall.Config;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Runbooks.Config;

/// <summary>
/// Stages runbooks by key: a changed text becomes a new version (runs keep the one they ran). Config wins for the
/// runbooks it lists, as in every other section: a text it applies over one written in the browser becomes the current
/// version (the plan says so), and the browser's stays in the history. Runbooks config does not list are left alone:
/// they may have been written in the browser.
/// </summary>
internal sealed class RunbookStage(FirebreakDb db, TimeProvider clock)
{
    public async Task StageAsync(ConfigStaging staging, ConfigSet set, CancellationToken ct)
    {
        var wanted = set.Runbooks;
        if (wanted.Count == 0)
        {
            return;
        }

        // Checked here rather than on reading, like escalation policies' targets: people and schedules may be only in
        // the database. A page to a name nobody has would otherwise be found only when the run goes wrong.
        var schedules = (await db.Schedules.Select(s => s.Key).ToListAsync(ct)).Concat(set.Schedules.Select(s => s.Key)).ToHashSet(StringComparer.Ordinal);
        var unknown = wanted.SelectMany(w => UnknownTargets(w, staging.Users, staging.Viewers, schedules)).ToList();
        if (unknown.Count > 0)
        {
            staging.Errors.AddRange(unknown);
            return;
        }

        var keys = wanted.Select(w => w.Document.Key).ToList();
        var existing = await db.Runbooks.Where(r => keys.Contains(r.Key)).ToDictionaryAsync(r => r.Key, StringComparer.Ordinal, ct);
        var current = await (from v in db.RunbookVersions
                             join r in db.Runbooks on v.RunbookId equals r.Id
                             where keys.Contains(r.Key) && v.Number == r.Version
                             select v).ToDictionaryAsync(v => v.RunbookId, ct);
        foreach (var w in wanted)
        {
            var doc = w.Document;
            var row = existing.GetValueOrDefault(doc.Key);
            var oldText = row is null ? null : current.GetValueOrDefault(row.Id)?.Text;
            var textChanged = !string.Equals(oldText, w.Text, StringComparison.Ordinal);
            var change = new ChangeBuilder($"runbook/{doc.Key}", row is null)
                .Field("title", row?.Title, doc.Title)
                .Field("services", row is null ? null : ConfigText.List(row.Services), ConfigText.List(doc.Services))
                .Field("owner", row?.Owner, doc.Owner)
                .Field("review_every", ConfigText.Seconds(row?.ReviewEverySeconds), ConfigText.Duration(doc.ReviewEvery))
                .Field("version", row is null ? null : Number(row.Version), Number((row?.Version ?? 0) + 1), textChanged, row is null ? null : Why(row))
                .Build();
            var action = row is null ? "runbook.create" : "runbook.update";
            if (!staging.Record(change, action, $"runbook/{doc.Key}", $"version {(row?.Version ?? 0) + 1} from {w.Where.File}"))
            {
                continue;
            }

            var now = clock.GetUtcNow();
            if (row is null)
            {
                row = new Runbook { Key = doc.Key, Title = doc.Title, Source = RunbookSources.Config, CreatedAt = now };
                db.Runbooks.Add(row);
            }

            RunbookWriting.Copy(doc, row);
            row.Source = RunbookSources.Config;
            row.UpdatedAt = now;
            if (textChanged)
            {
                row.Version++;
                row.NeedsUpdate = null;
                row.Versions.Add(new RunbookVersion { Number = row.Version, Text = w.Text, CreatedAt = now, CreatedBy = staging.Actor.Name });
            }
        }
    }

    private static IEnumerable<string> UnknownTargets(RunbookConfig runbook, IReadOnlySet<string> users, IReadOnlySet<string> viewers, HashSet<string> schedules) =>
        from e in runbook.Document.Escalations
        from target in e.Page
        let problem = target switch
        {
            UserTarget u when !users.Contains(u.UserId) => $"unknown user '{u.UserId}'",
            UserTarget u when viewers.Contains(u.UserId) => $"viewer '{u.UserId}'; only responders and admins can be paged",
            ScheduleTarget s when !schedules.Contains(s.ScheduleId) => $"unknown schedule '{s.ScheduleId}'",
            _ => null,
        }
        where problem is not null
        select new ConfigError(new SourceRef(runbook.Where.File, e.PageLine), $"runbook '{runbook.Document.Key}', escalate block {e.Number} pages {problem}").ToString();

    // Config wins for the runbooks it lists, as for every other section; the browser's text stays an older version.
    private static string Why(Runbook row) => row.Source == RunbookSources.Ui
        ? $"the text changed; replaces version {Number(row.Version)}, written in the browser (it stays in the history: copy it into the file to keep it)"
        : "the text changed";

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
