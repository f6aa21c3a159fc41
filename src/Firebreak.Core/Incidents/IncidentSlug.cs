using System.Globalization;
using System.Text;

namespace Firebreak.Core.Incidents;

/// <summary>Readable, stable incident identifiers such as <c>inc-20250115-api-high-latency</c>.</summary>
public static class IncidentSlug
{
    private const int MaxTitlePart = 40;

    public static string Create(DateTimeOffset declaredAt, string title)
    {
        var date = declaredAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var words = Slugify(title);
        return words.Length == 0 ? $"inc-{date}" : $"inc-{date}-{words}";
    }

    /// <summary>Makes a slug unique against those already taken by appending -2, -3, …</summary>
    public static string Unique(string slug, Func<string, bool> taken)
    {
        if (!taken(slug))
        {
            return slug;
        }

        for (var n = 2; ; n++)
        {
            var candidate = Numbered(slug, n);
            if (!taken(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>The <paramref name="n"/>th slug <see cref="Unique"/> tries: the slug itself, then -2, -3 …</summary>
    public static string Numbered(string slug, int n) => n <= 1 ? slug : $"{slug}-{n.ToString(CultureInfo.InvariantCulture)}";

    private static string Slugify(string title)
    {
        var sb = new StringBuilder();
        foreach (var ch in title.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var slug = sb.ToString().Trim('-');
        if (slug.Length > MaxTitlePart)
        {
            var cut = slug.LastIndexOf('-', MaxTitlePart);
            slug = cut > 0 ? slug[..cut] : slug[..MaxTitlePart];
        }

        return slug;
    }
}
