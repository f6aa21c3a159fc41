using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Incidents.Config;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.RepresentationModel;

namespace Firebreak.Server.Features.Reviews.Config;

/// <param name="PublishedBy">The incident's commander (or an admin): who may publish it.</param>
public sealed record DemoReview(
    string Incident, string? Owner, string PublishedBy, string Summary, string ProximateCause, string? ContributingFactors,
    string? DetectionGap, string? WentWell, string? CouldBeBetter, string? Lessons, SourceRef Where);

/// <summary>
/// The <c>reviews:</c> section: a written, published review for demo incidents (named by title), taken through the
/// real draft → in review → published steps after the incidents are replayed. Demo data only.
/// </summary>
internal sealed class DemoReviewSection : ConfigSection<DemoReview>
{
    private static readonly string[] s_fields =
        ["incident", "owner", "published_by", "summary", "proximate_cause", "contributing_factors", "detection_gap", "went_well", "could_be_better", "lessons"];

    public override string Key => "reviews";

    // After the incidents it reviews; before their action items.
    public override int Order => ConfigOrder.DemoIncidents + 10;

    protected override DemoReview? ReadItem(YamlMappingNode map, int index, YamlReading yaml)
    {
        yaml.Known(map, s_fields);
        var incident = yaml.Required(map, "incident");
        var publishedBy = yaml.Required(map, "published_by");
        var summary = yaml.Required(map, "summary");
        var cause = yaml.Required(map, "proximate_cause");
        return incident is null || publishedBy is null || summary is null || cause is null
            ? null
            : new DemoReview(incident, yaml.Str(map, "owner"), publishedBy, summary, cause, yaml.Str(map, "contributing_factors"),
                yaml.Str(map, "detection_gap"), yaml.Str(map, "went_well"), yaml.Str(map, "could_be_better"), yaml.Str(map, "lessons"), yaml.Where(map));
    }

    protected override void Validate(ConfigSet set, IReadOnlyList<DemoReview> items, ConfigErrors errors)
    {
        var users = set.UserNames();
        var resolved = set.Incidents.Where(i => i.Events.Any(e => e.Status == "resolved")).Select(i => i.Title).ToHashSet(StringComparer.Ordinal);
        foreach (var review in items)
        {
            if (!resolved.Contains(review.Incident))
            {
                errors.Add(review.Where, $"review of '{review.Incident}': no resolved demo incident has that title");
            }

            foreach (var who in new[] { review.Owner, review.PublishedBy }.OfType<string>().Where(w => !users.Contains(w)))
            {
                errors.Add(review.Where, $"review of '{review.Incident}' names unknown user '{who}'");
            }
        }
    }

    /// <summary>Written only after apply has committed, through the review service: nothing to stage.</summary>
    protected override Task StageAsync(ConfigSet set, IReadOnlyList<DemoReview> items, ConfigStaging staging, IServiceProvider services, CancellationToken ct) =>
        Task.CompletedTask;

    public override async Task<int> ReplayDemoAsync(ConfigSet set, IServiceProvider services, CancellationToken ct)
    {
        var items = set.Of<DemoReview>();
        var db = services.GetRequiredService<FirebreakDb>();
        if (items.Count == 0 || await db.Reviews.AnyAsync(r => r.PublishedAt != null, ct))
        {
            return 0;
        }

        var reviews = services.GetRequiredService<ReviewService>();
        foreach (var item in items)
        {
            var number = await db.Incidents.Where(i => i.Title == item.Incident).OrderByDescending(i => i.Id).Select(i => (int?)i.Number).FirstOrDefaultAsync(ct)
                ?? throw new InvalidOperationException($"{item.Where}: no demo incident '{item.Incident}' to review");
            var reference = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var publisher = await db.Users.AsNoTracking().FirstAsync(u => u.Username == item.PublishedBy, ct);
            var actor = new Actor("user", publisher.Id, publisher.Username, null);
            Check(item, await reviews.SaveAsync(actor, reference, new ReviewUpdateRequest(
                item.Summary, item.ProximateCause, item.ContributingFactors, item.DetectionGap, item.WentWell, item.CouldBeBetter, item.Lessons,
                Owner: item.Owner), ct));
            Check(item, await reviews.SubmitAsync(actor, reference, ct));
            Check(item, await reviews.PublishAsync(actor, reference, ct));
        }

        return 0;
    }

    private static void Check(DemoReview item, Outcome<ReviewDto> outcome)
    {
        if (!outcome.IsOk)
        {
            throw new InvalidOperationException(
                $"{item.Where}: the demo review of '{item.Incident}' was refused: {outcome.Error} {string.Join(" ", outcome.FieldErrors?.Values.SelectMany(v => v) ?? [])}");
        }
    }
}
