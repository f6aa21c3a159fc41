using System.CommandLine;

namespace Firebreak.Cli.Features.Catalog;

/// <summary>The options create and update share; a field left out is left out of the request, so the server keeps (or defaults) it.</summary>
internal sealed class ServiceFields
{
    public Option<string?> Name { get; } = new("--name") { Description = "What people call it, e.g. 'Checkout API'." };

    public Option<string?> Description { get; } = new("--description") { Description = "What it does, for responders who do not know it." };

    public Option<string?> Team { get; } = new("--team") { Description = "Owning team's key (teams are defined in config)." };

    public Option<string?> TimeZone { get; } = new("--time-zone") { Description = "IANA time zone for its maintenance windows, e.g. Europe/Berlin." };

    public Option<string?> Policy { get; } = new("--policy") { Description = "Escalation policy key its new incidents page through." };

    public Option<string?> AutoResolve { get; } = new Option<string?>("--auto-resolve")
    {
        Description = "Where an incident goes when all its alerts resolve: resolved, or monitoring to watch it first.",
    }.AcceptOnlyFromAmong("resolved", "monitoring");

    public void AddTo(Command command)
    {
        command.Options.Add(Name);
        command.Options.Add(Description);
        command.Options.Add(Team);
        command.Options.Add(TimeZone);
        command.Options.Add(Policy);
        command.Options.Add(AutoResolve);
    }

    /// <summary>The request body; <paramref name="clear"/> names the fields to empty (the API clears a field given as "").</summary>
    /// <param name="value">Reads an option: from the parse result, or from the command result inside a validator.</param>
    public Dictionary<string, string> Body(Func<Option<string?>, string?> value, IEnumerable<string> clear)
    {
        var body = new Dictionary<string, string>(StringComparer.Ordinal);
        Put(body, "name", value(Name));
        Put(body, "description", value(Description));
        Put(body, "team", value(Team));
        Put(body, "timeZone", value(TimeZone));
        Put(body, "escalationPolicy", value(Policy));
        Put(body, "autoResolve", value(AutoResolve));
        foreach (var field in clear)
        {
            body[field] = "";
        }

        return body;
    }

    private static void Put(Dictionary<string, string> body, string field, string? value)
    {
        if (value is not null)
        {
            body[field] = value.Trim();
        }
    }
}
