using Firebreak.Server.Features.Auth;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Catalog;

public sealed record ServiceOption(string Key, string Name);

public sealed record PersonOption(string Username, string DisplayName);

public sealed record SeverityOption(string Key, string Name, int Rank, string Description);

/// <summary>Small lists the web UI offers in pickers: severities, services to declare against, people to hand roles to.</summary>
public sealed class CatalogReader(FirebreakDb db, SeverityCatalog severities)
{
    public async Task<IReadOnlyList<SeverityOption>> SeveritiesAsync(CancellationToken ct)
    {
        var scheme = await severities.GetSchemeAsync(ct);
        // Position, not the stored rank, drives colour: ranks need not be contiguous, positions are.
        return [.. scheme.Levels.Select((l, i) => new SeverityOption(l.Key, l.Name, i, l.Description))];
    }

    public async Task<IReadOnlyList<ServiceOption>> ServicesAsync(CancellationToken ct) =>
        await db.Services.AsNoTracking().OrderBy(s => s.Name).Select(s => new ServiceOption(s.Key, s.Name)).ToListAsync(ct);

    /// <summary>Active people who can hold an incident role; viewers cannot change incidents, so they are left out.</summary>
    public async Task<IReadOnlyList<PersonOption>> RespondersAsync(CancellationToken ct) =>
        await db.Users.AsNoTracking()
            .Where(u => !u.Disabled && u.Role != Role.Viewer)
            .OrderBy(u => u.DisplayName)
            .Select(u => new PersonOption(u.Username, u.DisplayName))
            .ToListAsync(ct);
}
