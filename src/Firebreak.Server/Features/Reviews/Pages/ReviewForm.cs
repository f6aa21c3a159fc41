using System.Globalization;
using Firebreak.Core.Reviews;

namespace Firebreak.Server.Features.Reviews.Pages;

/// <summary>What the editor holds while someone writes: the review's words and picks, sent whole on save.</summary>
public sealed class ReviewForm
{
    public string Summary { get; set; } = "";
    public string ProximateCause { get; set; } = "";
    public string ContributingFactors { get; set; } = "";
    public string DetectionGap { get; set; } = "";
    public string WentWell { get; set; } = "";
    public string CouldBeBetter { get; set; } = "";
    public string Lessons { get; set; } = "";
    public string UsersAffected { get; set; } = "";
    public string Minutes { get; set; } = "";
    public string Revenue { get; set; } = "";

    /// <summary>"yes", "no" or "" for not known.</summary>
    public string SlaBreached { get; set; } = "";
    public string Level { get; set; } = ImpactLevels.None;
    public string Owner { get; set; } = "";
    public HashSet<long> Kept { get; } = [];
    public List<string> Answers { get; } = [];
    public int Revision { get; set; }

    public static ReviewForm From(ReviewDto r)
    {
        var form = new ReviewForm
        {
            Summary = r.Summary,
            ProximateCause = r.ProximateCause,
            ContributingFactors = r.ContributingFactors,
            DetectionGap = r.DetectionGap,
            WentWell = r.WentWell,
            CouldBeBetter = r.CouldBeBetter,
            Lessons = r.Lessons,
            UsersAffected = r.Impact.UsersAffected?.ToString(CultureInfo.InvariantCulture) ?? "",
            Minutes = r.Impact.Minutes?.ToString(CultureInfo.InvariantCulture) ?? "",
            Revenue = r.Impact.Revenue?.ToString(CultureInfo.InvariantCulture) ?? "",
            SlaBreached = r.Impact.SlaBreached switch { true => "yes", false => "no", null => "" },
            Level = r.Impact.Level,
            Owner = r.Owner ?? "",
            Revision = r.Revision,
        };
        form.Kept.UnionWith(r.Timeline.Where(t => t.Kept).Select(t => t.Id));
        form.Answers.AddRange(r.Answers.Select(a => a.Answer));
        return form;
    }

    /// <summary>The request, or the fields whose numbers do not read as numbers.</summary>
    public (ReviewUpdateRequest? Request, Dictionary<string, string[]> Errors) ToRequest()
    {
        var errors = new Dictionary<string, string[]>();
        var users = Whole(UsersAffected, "impact.usersAffected", "Users affected is a whole number, such as 1200.", errors);
        var minutes = Whole(Minutes, "impact.minutes", "The duration is a whole number of minutes, such as 45.", errors);
        decimal? revenue = null;
        if (!string.IsNullOrWhiteSpace(Revenue))
        {
            if (decimal.TryParse(Revenue.Trim().TrimStart('$', '€', '£'), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
            {
                revenue = amount;
            }
            else
            {
                errors["impact.revenue"] = ["Revenue impact is an amount such as 12500 or 12,500.50."];
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ReviewUpdateRequest(
            Summary, ProximateCause, ContributingFactors, DetectionGap, WentWell, CouldBeBetter, Lessons,
            new ReviewImpactRequest(users, minutes, revenue, SlaBreached switch { "yes" => true, "no" => false, _ => null }, Level),
            [.. Kept.Order()], [.. Answers], string.IsNullOrWhiteSpace(Owner) ? null : Owner, Revision), errors);
    }

    public static IReadOnlyList<BlameFlag> Flags(string text) => BlamelessWording.Check(text);

    private static int? Whole(string text, string field, string message, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        errors[field] = [message];
        return null;
    }
}
