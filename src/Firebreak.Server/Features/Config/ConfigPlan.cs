using System.Text;

namespace Firebreak.Server.Features.Config;

/// <summary>Everything <c>config apply</c> would do, worked out without writing: <c>config plan</c> prints it.</summary>
/// <param name="Warnings">Worth a look but not wrong, such as stretches of a schedule with nobody on call.</param>
public sealed record ConfigPlan(IReadOnlyList<string> Errors, IReadOnlyList<ConfigChange> Changes, IReadOnlyList<string>? Warnings = null)
{
    public bool HasChanges => Changes.Any(c => c.IsChange);

    public string Summary =>
        $"{Count(ChangeKind.Create)} to create, {Count(ChangeKind.Update)} to update, {Count(ChangeKind.Unchanged)} unchanged";

    public string Render()
    {
        var text = new StringBuilder();
        foreach (var change in Changes)
        {
            change.WriteTo(text);
        }

        text.AppendLine(HasChanges ? $"Plan: {Summary}." : $"No changes: the database matches the config ({Changes.Count} checked).");
        return text.ToString();
    }

    private int Count(ChangeKind kind) => Changes.Count(c => c.Kind == kind);
}

public sealed record ApplyResult(IReadOnlyList<string> Errors, string Summary, IReadOnlyList<ConfigChange> Changes, IReadOnlyList<string> Notices)
{
    public static ApplyResult Failed(IReadOnlyList<string> errors) => new(errors, "nothing applied", [], []);
}
