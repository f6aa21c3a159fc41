namespace Firebreak.Server.Features.StatusPage;

/// <summary>The one order components are shown in, on the public page, in its JSON and in the API: ungrouped first, then by group.</summary>
public static class StatusComponentOrder
{
    public static IEnumerable<StatusComponent> Sorted(this IEnumerable<StatusComponent> components) =>
        components.OrderBy(c => c.GroupName is null ? 0 : 1).ThenBy(c => c.GroupName, StringComparer.Ordinal)
            .ThenBy(c => c.Position).ThenBy(c => c.Key, StringComparer.Ordinal);
}
