using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Runbooks.Format;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Runbooks;

/// <param name="Text">The whole Markdown file, front matter included.</param>
/// <param name="Version">The version the text was edited from; when given and no longer current, the save is refused rather than undo someone else's edit.</param>
public sealed record RunbookTextRequest(string Text, int? Version = null);

/// <summary>What checking a text gave: the document when it can be saved, and every mistake at its file:line.</summary>
public sealed record RunbookCheck(RunbookDocument? Document, IReadOnlyList<ConfigError> Errors)
{
    public bool Ok => Document is not null && Errors.Count == 0;
}

/// <summary>
/// Runbooks written in the browser or through the API: checked as config checks them (the parser, known services and
/// owner team), each saved text a new version with source <c>ui</c>, audited. An unchanged text saves nothing.
/// </summary>
public sealed class RunbookEditor(FirebreakDb db, RunbookCatalog catalog, AuditLog audit, TimeProvider clock)
{
    /// <summary>The file name mistakes are reported against: the name the runbook would have in config's folder.</summary>
    public static string FileOf(string? key) => $"{RunbookConfigFolder}/{(string.IsNullOrEmpty(key) ? "new" : key)}.md";

    private const string RunbookConfigFolder = Config.RunbookSection.Folder;

    public async Task<RunbookCheck> CheckAsync(string text, string file, CancellationToken ct)
    {
        var parse = RunbookParser.Parse(text.ReplaceLineEndings("\n"), file);
        var errors = parse.Errors.ToList();
        if (parse.Document is { } doc)
        {
            var where = new SourceRef(file, 2);
            var services = doc.Services.ToList();
            var known = await db.Services.Where(s => services.Contains(s.Key)).Select(s => s.Key).ToListAsync(ct);
            errors.AddRange(services.Except(known, StringComparer.Ordinal)
                .Select(s => new ConfigError(where, $"runbook '{doc.Key}' names unknown service '{s}'")));
            if (doc.Owner is { } owner && !await db.Teams.AnyAsync(t => t.Key == owner, ct))
            {
                errors.Add(new ConfigError(where, $"runbook '{doc.Key}' is owned by unknown team '{owner}'"));
            }
        }

        return new RunbookCheck(parse.Document, errors);
    }

    public async Task<Outcome<RunbookDto>> CreateAsync(Actor actor, RunbookTextRequest request, CancellationToken ct)
    {
        var text = request.Text.ReplaceLineEndings("\n");
        var check = await CheckAsync(text, FileOf(null), ct);
        if (!check.Ok)
        {
            return Invalid(check);
        }

        var doc = check.Document!;
        if (await db.Runbooks.AnyAsync(r => r.Key == doc.Key, ct))
        {
            return Failure.Conflict($"A runbook '{doc.Key}' already exists; edit it (PUT /api/v1/runbooks/{doc.Key}) or choose another key.");
        }

        var now = clock.GetUtcNow();
        var row = new Runbook { Key = doc.Key, Title = doc.Title, Source = RunbookSources.Ui, CreatedAt = now };
        db.Runbooks.Add(row);
        Write(actor, row, doc, text, now);
        audit.Record(actor, "runbook.create", $"runbook/{doc.Key}", "version 1, written in the browser or the API");
        await db.SaveChangesAsync(ct);
        return await catalog.GetAsync(doc.Key, ct);
    }

    public async Task<Outcome<RunbookDto>> UpdateAsync(Actor actor, string key, RunbookTextRequest request, CancellationToken ct)
    {
        var row = await db.Runbooks.FirstOrDefaultAsync(r => r.Key == key, ct);
        if (row is null)
        {
            return Failure.NotFound($"There is no runbook '{key}'; create it with POST /api/v1/runbooks.");
        }

        if (request.Version is { } from && from != row.Version)
        {
            return Failure.Conflict($"Runbook '{key}' is at version {row.Version} now, not {from}: someone saved it meanwhile. Reload it, and make your change again on top of theirs.");
        }

        var text = request.Text.ReplaceLineEndings("\n");
        var check = await CheckAsync(text, FileOf(key), ct);
        if (!check.Ok)
        {
            return Invalid(check);
        }

        var doc = check.Document!;
        if (doc.Key != key)
        {
            return Failure.Invalid("text", $"{FileOf(key)}:2: the key is '{doc.Key}', but this is runbook '{key}'; a key cannot change (runs and config name it). Create a new runbook for a new key.");
        }

        var current = await db.RunbookVersions.Where(v => v.RunbookId == row.Id && v.Number == row.Version).Select(v => v.Text).FirstOrDefaultAsync(ct);
        if (string.Equals(current, text, StringComparison.Ordinal))
        {
            return await catalog.GetAsync(key, ct);
        }

        var wasFrom = row.Source;
        Write(actor, row, doc, text, clock.GetUtcNow());
        audit.Record(actor, "runbook.update", $"runbook/{key}", $"version {row.Version}, written in the browser or the API (version {row.Version - 1} came from {wasFrom})");
        await db.SaveChangesAsync(ct);
        return await catalog.GetAsync(key, ct);
    }

    private static void Write(Actor actor, Runbook row, RunbookDocument doc, string text, DateTimeOffset now)
    {
        RunbookWriting.Copy(doc, row);
        row.Source = RunbookSources.Ui;
        row.UpdatedAt = now;
        row.Version++;
        row.NeedsUpdate = null;
        row.Versions.Add(new RunbookVersion { Number = row.Version, Text = text, CreatedAt = now, CreatedBy = actor.Name });
    }

    private static Failure Invalid(RunbookCheck check)
    {
        var errors = check.Errors.Select(e => e.ToString()).ToArray();
        var detail = errors.Length == 1
            ? $"The runbook was not saved: {errors[0]}"
            : $"The runbook was not saved; {errors.Length} mistakes, the first: {errors[0]}";
        return new Failure(OutcomeKind.Invalid, detail, new Dictionary<string, string[]> { ["text"] = errors });
    }
}
