using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Intake.HotPath;

/// <summary>
/// What the hot path learnt from the batches it wrote on PostgreSQL: the open alert behind each key, and the open
/// incident each alert group joins. A storm's next batch then needs no lookup, and is one round trip. Nothing here is
/// trusted: the statements write only if each alert is still open in the same incident, each incident unchanged since
/// it was learnt (its revision), and no key taken by an alert already open (the unique index). When one refuses, the
/// batch forgets everything and looks up again. Any save on this node that touches alerts or incidents empties it; other
/// nodes' changes are caught by the statements, and everything is dropped after <see cref="MaxAge"/> anyway.
/// Why PostgreSQL only, against the design's finding on SQLite: docs/adr/0007.
/// </summary>
public sealed class HotPathMemory(TimeProvider clock)
    : SaveWatcher(context => TrackedEntries.AnyChanged<Alert>(context) || TrackedEntries.AnyChanged<Incident>(context))
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    // A storm of distinct alerts never repeated would otherwise grow this without end; past it, alerts are looked up.
    internal const int MaxAlerts = 50_000;

    private volatile Learnt? _learnt;

    /// <summary>What is known now, for one batch; empty once older than <see cref="MaxAge"/>.</summary>
    internal Learnt Now(DateTimeOffset now)
    {
        var learnt = _learnt;
        if (learnt is null || now - learnt.Since >= MaxAge || now < learnt.Since)
        {
            _learnt = learnt = new Learnt(this, now, Generation);
        }

        return learnt;
    }

    /// <summary>True while nothing was forgotten since <paramref name="learnt"/> was handed out: what a batch learnt may be kept.</summary>
    internal bool Current(Learnt learnt) => ReferenceEquals(_learnt, learnt) && learnt.Generation == Generation;

    protected override void Drop() => _learnt = new Learnt(this, clock.GetUtcNow(), Generation);

    /// <summary>One generation of knowledge. Only the intake writer reads and adds to it, one batch at a time.</summary>
    internal sealed class Learnt(HotPathMemory owner, DateTimeOffset since, long generation)
    {
        public DateTimeOffset Since { get; } = since;

        public long Generation { get; } = generation;

        public Dictionary<(long Integration, string Key), OpenAlert> Alerts { get; } = [];

        public Dictionary<string, (GroupIncident Incident, DateTimeOffset HeardAt)> Groups { get; } = new(StringComparer.Ordinal);

        /// <summary>
        /// False once a key thought new was already open: then keys not known are looked up, not presumed new, until the
        /// next generation.
        /// </summary>
        public bool PresumeNew { get; set; } = true;

        /// <summary>
        /// Keeps what a batch just wrote: the alerts it repeated and those it added, and each incident joined as it now
        /// is; unless something was forgotten meanwhile, which may have been about these rows.
        /// </summary>
        public void Remember(
            IReadOnlyDictionary<(long Integration, string Key), OpenAlert> repeated, IReadOnlyDictionary<(long Integration, string Key), NewJoin> added,
            IReadOnlyList<GroupIncident> joined, DateTimeOffset now)
        {
            if (!owner.Current(this))
            {
                return;
            }

            foreach (var ((integration, key), alert) in repeated)
            {
                Learn(integration, key, alert);
            }

            var incidents = joined.ToDictionary(i => i.Id);
            foreach (var ((integration, key), join) in added)
            {
                var incident = incidents[join.Incident.Id];
                Learn(integration, key, new OpenAlert(join.Alert.Id, incident.Id, incident.Number));
                Groups[join.Group] = (incident, now);
            }

            // A repeat tells its incident it heard an alert, which keeps the incident's group open to new alerts.
            var heard = repeated.Values.Select(a => a.IncidentId).OfType<long>().ToHashSet();
            foreach (var (group, (incident, _)) in Groups.Where(g => heard.Contains(g.Value.Incident.Id)).ToList())
            {
                Groups[group] = (incident, now);
            }
        }

        private void Learn(long integration, string key, OpenAlert alert)
        {
            if (Alerts.Count >= MaxAlerts && !Alerts.ContainsKey((integration, key)))
            {
                Alerts.Clear();
            }

            Alerts[(integration, key)] = alert;
        }

        /// <summary>The group's open incident, if it heard an alert since <paramref name="since"/>.</summary>
        public GroupIncident? Group(string group, DateTimeOffset since) =>
            Groups.TryGetValue(group, out var known) && known.HeardAt >= since ? known.Incident : null;
    }
}
