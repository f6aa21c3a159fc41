using System.Globalization;
using System.Security.Claims;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Storage;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Firebreak.Server.Components.Shared;

/// <summary>
/// The time zone a page shows times in, for the person looking: their profile's zone, else the browser's (a cookie
/// theme.js writes), else UTC. Every time on screen names its zone, because responders sit in several.
/// </summary>
public sealed class ViewerZone(AuthenticationStateProvider auth, IServiceScopeFactory scopes)
{
    /// <summary>The cookie theme.js sets to the browser's IANA zone, read on the server for prerendering.</summary>
    public const string BrowserCookie = "firebreak-tz";

    private Task? _resolving;

    /// <summary>The browser's zone as the request that rendered the page reported it, unchecked.</summary>
    public string? BrowserZone { get; set; }

    private DateTimeZone? _profileResolved;

    /// <summary>The zone to show times in; until the profile is looked up, the browser's.</summary>
    public DateTimeZone Zone => _profileResolved ?? Resolve(null, BrowserZone);

    /// <summary>The zone's IANA id, e.g. "Europe/Berlin", or "UTC".</summary>
    public string Name => Zone == DateTimeZone.Utc ? "UTC" : Zone.Id;

    /// <summary>Looks up the signed-in person's profile zone once per page scope (request or circuit).</summary>
    public Task ResolveAsync(CancellationToken ct) => _resolving ??= LoadAsync(ct);

    /// <summary>Profile beats browser beats UTC; a zone NodaTime does not know is ignored, not trusted.</summary>
    public static DateTimeZone Resolve(string? profileZone, string? browserZone) =>
        Known(profileZone) ?? Known(browserZone) ?? DateTimeZone.Utc;

    /// <summary>"14:05:09 CET".</summary>
    public string Time(DateTimeOffset at) => Format(at, "HH:mm:ss");

    /// <summary>"2026-12-05 14:05 CET", or "2026-12-05 11:05 (America/Sao_Paulo)" where the zone has no letters abbreviation.</summary>
    public string DateTime(DateTimeOffset at) => Format(at, "yyyy-MM-dd HH:mm");

    /// <summary>"Dec 5 14:05 CET".</summary>
    public string ShortDateTime(DateTimeOffset at) => Format(at, "MMM d HH:mm");

    /// <summary>The wall-clock time in the viewer's zone, without a zone name (for inputs and comparisons).</summary>
    public DateTime Local(DateTimeOffset at) => Instant.FromDateTimeOffset(at).InZone(Zone).LocalDateTime.ToDateTimeUnspecified();

    /// <summary>A wall-clock time in the viewer's zone as an instant; a time skipped or repeated by daylight saving takes the later offset.</summary>
    public DateTimeOffset FromLocal(DateTime local) =>
        LocalDateTime.FromDateTime(local).InZoneLeniently(Zone).ToDateTimeOffset().ToUniversalTime();

    private string Format(DateTimeOffset at, string pattern)
    {
        var instant = Instant.FromDateTimeOffset(at);
        var local = instant.InZone(Zone).LocalDateTime.ToDateTimeUnspecified().ToString(pattern, CultureInfo.InvariantCulture);
        return $"{local} {Label(instant)}";
    }

    // Abbreviations like "-03" say less than the zone's name, so only letter abbreviations are shown as such.
    private string Label(Instant instant)
    {
        if (Zone == DateTimeZone.Utc)
        {
            return "UTC";
        }

        var abbreviation = Zone.GetZoneInterval(instant).Name;
        return abbreviation.Length > 0 && abbreviation.All(char.IsAsciiLetter) ? abbreviation : $"({Zone.Id})";
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var user = (await auth.GetAuthenticationStateAsync()).User;
        if (!long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            _profileResolved = Resolve(null, BrowserZone);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FirebreakDb>();
        var profileZone = await db.Set<User>().AsNoTracking().Where(u => u.Id == id).Select(u => u.TimeZone).FirstOrDefaultAsync(ct);
        _profileResolved = Resolve(profileZone, BrowserZone);
    }

    private static DateTimeZone? Known(string? id) =>
        string.IsNullOrWhiteSpace(id) || id.Length > 64 ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id.Trim());
}
