using System.Globalization;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Incidents.Config;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.RepresentationModel;

namespace Firebreak.Server.Features.ActionItems.Config;

/// <param name="Due">From the moment the demo starts: negative for one already past due.</param>
public sealed record DemoActionItem(string Incident, string Title, string? Priority, string? Owner, TimeSpan? Due, string Status, SourceRef Where);

/// <summary>
/// The <c>action_items:</c> section: demo follow-ups on the demo's incidents (named by title), created through the
/// real service after the incidents are replayed, so the lists are not empty on first start. Demo data only.
/// </summary>
internal sealed class DemoActionItemSection : ConfigSection<DemoActionItem>
{
    private static readonly string[] s_fields = ["incident", "title", "priority", "owner", "due_in", "due_ago", "status"];

    public override string Key => "action_items";

    // After the incidents they follow up, and after those incidents' reviews.
    public override int Order => ConfigOrder.DemoIncidents + 20;

    protected override DemoActionItem? ReadItem(YamlMappingNode map, int index, YamlReading yaml)
    {
        yaml.Known(map, s_fields);
        var incident = yaml.Required(map, "incident");
        var title = yaml.Required(map, "title");
        var dueIn = yaml.Duration(map, "due_in");
        var dueAgo = yaml.Duration(map, "due_ago");
        var status = yaml.Str(map, "status") ?? ActionItemStatus.Open;
        if (ActionItemRules.Status(status) is not null)
        {
            yaml.Error(map, $"unknown status '{status}'; use one of: {string.Join(", ", ActionItemStatus.All)}");
        }

        return incident is null || title is null
            ? null
            : new DemoActionItem(incident, title, yaml.Str(map, "priority"), yaml.Str(map, "owner"), dueIn ?? -dueAgo, status, yaml.Where(map));
    }

    protected override void Validate(ConfigSet set, IReadOnlyList<DemoActionItem> items, ConfigErrors errors)
    {
        var users = set.UserNames();
        var incidents = set.Incidents.Select(i => i.Title).ToHashSet(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!incidents.Contains(item.Incident))
            {
                errors.Add(item.Where, $"action item '{item.Title}' follows up '{item.Incident}', which is not a demo incident's title");
            }

            if (item.Owner is not null && !users.Contains(item.Owner))
            {
                errors.Add(item.Where, $"action item '{item.Title}' names unknown user '{item.Owner}'");
            }

            if (ActionItemRules.Priority(item.Priority) is not null)
            {
                errors.Add(item.Where, $"action item '{item.Title}' has priority '{item.Priority}'; use P0, P1 or P2");
            }
        }
    }

    /// <summary>Written only after apply has committed, through the action item service: nothing to stage.</summary>
    protected override Task StageAsync(ConfigSet set, IReadOnlyList<DemoActionItem> items, ConfigStaging staging, IServiceProvider services, CancellationToken ct) =>
        Task.CompletedTask;

    public override async Task<int> ReplayDemoAsync(ConfigSet set, IServiceProvider services, CancellationToken ct)
    {
        var items = set.Of<DemoActionItem>();
        var db = services.GetRequiredService<FirebreakDb>();
        if (items.Count == 0 || await db.ActionItems.AnyAsync(ct))
        {
            return 0;
        }

        var actions = services.GetRequiredService<ActionItemService>();
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        foreach (var item in items)
        {
            var number = await db.Incidents.Where(i => i.Title == item.Incident).OrderByDescending(i => i.Id).Select(i => (int?)i.Number).FirstOrDefaultAsync(ct)
                ?? throw new InvalidOperationException($"{item.Where}: no demo incident '{item.Incident}' to follow up");
            var actor = item.Owner is not null && await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Username == item.Owner, ct) is { } u
                ? new Actor("user", u.Id, u.Username, null)
                : Actor.System;
            var due = item.Due is { } d ? today.AddDays((int)Math.Round(d.TotalDays)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
            var created = Check(item, await actions.CreateAsync(actor, new CreateActionItemRequest(item.Title, number.ToString(CultureInfo.InvariantCulture), item.Priority, item.Owner, due), ct));
            if (item.Status != ActionItemStatus.Open)
            {
                Check(item, await actions.UpdateAsync(actor, created.Key, new UpdateActionItemRequest(Status: item.Status), ct));
            }
        }

        return 0;
    }

    private static ActionItemDto Check(DemoActionItem item, Outcome<ActionItemDto> outcome) =>
        outcome.Value ?? throw new InvalidOperationException(
            $"{item.Where}: demo action item '{item.Title}' was refused: {outcome.Error} {string.Join(" ", outcome.FieldErrors?.Values.SelectMany(v => v) ?? [])}");
}
