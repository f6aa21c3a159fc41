using Firebreak.Server.Features.Runbooks.Format;

namespace Firebreak.Server.Features.Runbooks;

/// <summary>What a runbook row copies from its current version, so lists need not parse every text.</summary>
internal static class RunbookWriting
{
    public static void Copy(RunbookDocument doc, Runbook row)
    {
        row.Title = doc.Title;
        row.Services = [.. doc.Services];
        row.Owner = doc.Owner;
        row.ReviewEverySeconds = doc.ReviewEvery is { } every ? (int)every.TotalSeconds : null;
    }
}
