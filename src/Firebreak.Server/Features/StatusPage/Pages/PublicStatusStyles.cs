namespace Firebreak.Server.Features.StatusPage.Pages;

/// <summary>The public page's own styles, inline: it is one response, with nothing else to fetch while the product is down.</summary>
internal static class PublicStatusStyles
{
    public const string Css = """
        :root { --bg: #ffffff; --fg: #1c2430; --muted: #5b6675; --line: #d9dee5; --ok: #1f8f4e; --minor: #b7791f; --major: #dd6b20; --critical: #c53030; --maint: #3b6fd8; }
        @media (prefers-color-scheme: dark) { :root { --bg: #12161c; --fg: #e6e9ee; --muted: #9aa4b2; --line: #2c333d; --ok: #3fbf73; --minor: #e0a83a; --major: #f08a4b; --critical: #f26d6d; --maint: #7aa2f7; } }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
        header.top, main, footer { max-width: 52rem; margin: 0 auto; padding: 1rem; }
        header.top { display: flex; align-items: center; gap: .75rem; flex-wrap: wrap; }
        header.top h1 { margin: 0; font-size: 1.5rem; overflow-wrap: anywhere; }
        .logo { max-height: 2.5rem; max-width: 10rem; }
        .home { margin-left: auto; color: inherit; }
        .overall { padding: .9rem 1rem; border-radius: .4rem; color: #fff; font-weight: 600; background: var(--ok); }
        .overall.minor { background: var(--minor); } .overall.major { background: var(--major); }
        .overall.critical { background: var(--critical); } .overall.maintenance { background: var(--maint); }
        .group h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
        .component { border: 1px solid var(--line); border-radius: .4rem; padding: .75rem 1rem; margin: .5rem 0; }
        .line { display: flex; justify-content: space-between; gap: .5rem; flex-wrap: wrap; }
        .name { font-weight: 600; overflow-wrap: anywhere; }
        .description { margin: .25rem 0; color: var(--muted); overflow-wrap: anywhere; }
        .status.operational { color: var(--ok); } .status.degraded_performance { color: var(--minor); }
        .status.partial_outage { color: var(--major); } .status.major_outage { color: var(--critical); }
        .status.under_maintenance { color: var(--maint); }
        svg.uptime { display: block; width: 100%; height: 2rem; margin-top: .5rem; }
        svg.uptime rect { fill: var(--ok); } svg.uptime rect.degraded_performance { fill: var(--minor); }
        svg.uptime rect.partial_outage { fill: var(--major); } svg.uptime rect.major_outage { fill: var(--critical); }
        svg.uptime rect.under_maintenance { fill: var(--maint); }
        .uptime-legend { display: flex; justify-content: space-between; color: var(--muted); font-size: .8rem; gap: .5rem; }
        .incidents h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
        .incident { border: 1px solid var(--line); border-left: .3rem solid var(--minor); border-radius: .4rem; padding: .75rem 1rem; margin: .5rem 0; }
        .incident.major { border-left-color: var(--major); } .incident.critical { border-left-color: var(--critical); } .incident.maintenance { border-left-color: var(--maint); }
        .incident h3 { margin: 0 0 .25rem; font-size: 1rem; overflow-wrap: anywhere; }
        .affects, .when { color: var(--muted); font-size: .9rem; margin: .25rem 0; }
        .updates { list-style: none; margin: 0; padding: 0; }
        .updates li { padding: .4rem 0; border-top: 1px solid var(--line); }
        .updates li:first-child { border-top: 0; }
        .update-body { white-space: pre-wrap; overflow-wrap: anywhere; }
        .updates time { display: block; color: var(--muted); font-size: .8rem; }
        .past-incident { border-bottom: 1px solid var(--line); padding: .5rem 0; }
        .past-incident summary { cursor: pointer; overflow-wrap: anywhere; }
        footer { color: var(--muted); font-size: .85rem; }
        """;
}
