namespace Firebreak.Core.Intake;

/// <summary>
/// How a generic JSON integration reads alerts out of whatever its sender posts. Every value is a path into one alert
/// item (<see cref="GenericPath"/>: <c>alert.labels.service</c>, <c>items[0].id</c>, alternatives as <c>title|name</c>)
/// or, for text fields, a template joining several (<c>{{host}}/{{check}}</c>). A field left null is not read at all,
/// except <see cref="CustomDetails"/>, which then keeps the whole item.
/// </summary>
public sealed record GenericMapping(
    string? Alerts = null,
    string? DedupKey = null,
    string? Summary = null,
    string? Source = null,
    GenericValueMap? Severity = null,
    GenericValueMap? Action = null,
    string? Timestamp = null,
    GenericFieldSet? Labels = null,
    GenericFieldSet? Annotations = null,
    GenericFieldSet? Links = null,
    string? CustomDetails = null)
{
    /// <summary>
    /// What an integration without a saved mapping uses: the body is one alert (an object) or a list of them (an
    /// array), read from the field names most senders already use.
    /// </summary>
    public static GenericMapping Default { get; } = new(
        Alerts: null,
        DedupKey: "dedup_key|dedupKey|fingerprint|id",
        Summary: "summary|title|message|name",
        Source: "source|host|hostname",
        Severity: new GenericValueMap("severity|priority|level"),
        Action: new GenericValueMap("action|event_action|status|state"),
        Timestamp: "timestamp|time|startsAt|created_at",
        Labels: new GenericFieldSet("labels|tags"),
        Annotations: new GenericFieldSet("annotations"),
        Links: new GenericFieldSet("links"),
        CustomDetails: null);
}

/// <summary>
/// A value read at <see cref="Path"/> and translated through <see cref="Map"/> (the sender's word → ours, matched
/// ignoring case). <see cref="Default"/> applies when the value is missing or in neither the map nor our own words.
/// </summary>
public sealed record GenericValueMap(string? Path, Dictionary<string, string>? Map = null, string? Default = null);

/// <summary>
/// A set of name → value pairs: everything in the object at <see cref="Path"/> (for links, an array of
/// <c>{href, text}</c> or of URLs), plus <see cref="Fields"/>, each a name and the path or template of its value.
/// </summary>
public sealed record GenericFieldSet(string? Path = null, Dictionary<string, string>? Fields = null);

/// <summary>One reason an item of a body could not become an alert; <see cref="Key"/> names the item and field.</summary>
public sealed record GenericMappingError(string Key, string Message);

public sealed record GenericMappingResult(IReadOnlyList<AlertSignal> Signals, IReadOnlyList<GenericMappingError> Errors)
{
    public bool Ok => Errors.Count == 0;

    /// <summary>The errors as RFC 7807 validation errors: one entry per bad item and field.</summary>
    public Dictionary<string, string[]> ErrorsByKey() =>
        Errors.GroupBy(e => e.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
}
