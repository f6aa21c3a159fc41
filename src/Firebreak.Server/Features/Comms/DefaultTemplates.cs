namespace Firebreak.Server.Features.Comms;

/// <summary>A message template: a subject (email subject, chat heading) and a body.</summary>
public sealed record CommsTemplate(string Subject, string Body);

/// <summary>
/// What each kind of message says when config overrides nothing. Short and plain: read on a phone by someone who was
/// not in the incident channel, they say what is affected, what is being done, and where to look next.
/// </summary>
public static class DefaultTemplates
{
    public static readonly IReadOnlyDictionary<string, CommsTemplate> ByKind = new Dictionary<string, CommsTemplate>(StringComparer.Ordinal)
    {
        [CommsKinds.Declaration] = new(
            "[{{ incident.severity }}] Incident {{ incident.ref }} opened: {{ incident.title }}",
            """
            We are responding to an incident: {{ incident.title }}.
            Severity {{ incident.severity }}{% if incident.service != "" %}, service {{ incident.service }}{% endif %}, status {{ incident.status }}.
            Declared at {{ incident.started_at }}. Commander: {{ incident.commander }}. Comms lead: {{ incident.comms_lead }}.
            Follow along: {{ incident.url }}
            """),
        [CommsKinds.Update] = new(
            "[{{ incident.severity }}] Update on {{ incident.ref }}: {{ incident.title }}",
            """
            {{ update.text }}

            Status: {{ incident.status }}. Sent by {{ update.sent_by }}.
            Details: {{ incident.url }}
            """),
        [CommsKinds.Resolution] = new(
            "[{{ incident.severity }}] Resolved: {{ incident.ref }} {{ incident.title }}",
            """
            The incident "{{ incident.title }}" is resolved.
            {% if update.text != "" %}{{ update.text }}
            {% endif %}A review follows where the severity asks for one. Timeline: {{ incident.url }}
            """),
        [CommsKinds.PublicPost] = new(
            "{{ incident.title }}",
            """
            {% if update.text != "" %}{{ update.text }}{% else %}We are looking into a problem affecting {% if incident.service != "" %}{{ incident.service }}{% else %}some of our services{% endif %} and will post again soon.{% endif %}
            """),
        [CommsKinds.CustomerEmail] = new(
            "Service notice: {{ incident.title }}",
            """
            Hello,

            {% if update.text != "" %}{{ update.text }}{% else %}Some of our services are not working as they should. Our engineers are on it.{% endif %}

            We will write again when there is news. Thank you for your patience.
            """),
    };
}
