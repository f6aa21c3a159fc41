using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Firebreak.Server.Features.ActionItems;

/// <summary>The list as CSV for a spreadsheet or a tracker import.</summary>
public static class ActionItemCsv
{
    // A title such as "=HYPERLINK(...)" must stay text when the file is opened in a spreadsheet.
    private static readonly CsvConfiguration s_config = new(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };

    public static string Write(IEnumerable<ActionItemDto> items)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = new CsvWriter(text, s_config);
        foreach (var header in new[] { "key", "title", "priority", "owner", "due", "status", "overdue", "source", "incident", "link", "created_at", "created_by", "closed_at" })
        {
            csv.WriteField(header);
        }

        csv.NextRecord();
        foreach (var a in items)
        {
            csv.WriteField(a.Key);
            csv.WriteField(a.Title);
            csv.WriteField(a.Priority);
            csv.WriteField(a.Owner ?? "");
            csv.WriteField(a.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(a.Status);
            csv.WriteField(a.Overdue ? "yes" : "no");
            csv.WriteField(a.Source);
            csv.WriteField(a.Incident?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(a.Link ?? "");
            csv.WriteField(a.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            csv.WriteField(a.CreatedBy);
            csv.WriteField(a.ClosedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "");
            csv.NextRecord();
        }

        csv.Flush();
        return text.ToString();
    }
}
