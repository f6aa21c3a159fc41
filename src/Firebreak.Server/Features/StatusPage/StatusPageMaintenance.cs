using Firebreak.Server.Features.Maintenance;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.StatusPage;

/// <summary>The status page's side of public maintenance: the components a window may name, and a re-render when one changes.</summary>
internal sealed class StatusPageMaintenance(FirebreakDb db, StatusSnapshot snapshot) : IPublicMaintenance
{
    public async Task<IReadOnlySet<string>> ComponentKeysAsync(CancellationToken ct) =>
        (await db.StatusComponents.AsNoTracking().Select(c => c.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    public Task ChangedAsync(CancellationToken ct) => snapshot.RenderAsync(ct);
}
