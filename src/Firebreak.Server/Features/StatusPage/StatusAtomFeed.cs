using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
using Firebreak.Core.StatusPage;

namespace Firebreak.Server.Features.StatusPage;

/// <summary>The public incidents as an Atom feed (RFC 4287), one entry per incident with its updates, newest first.</summary>
internal static class StatusAtomFeed
{
    private const string Atom = "http://www.w3.org/2005/Atom";

    public static byte[] Render(string pageName, string pageUrl, IReadOnlyList<StatusView.Incident> incidents, DateTimeOffset updated)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteAttributeString("xml", "lang", null, "en");
            xml.WriteElementString("id", Atom, pageUrl + "/history.atom");
            xml.WriteElementString("title", Atom, $"{pageName}: incident history");
            xml.WriteElementString("updated", Atom, Time(updated));
            Link(xml, "self", "application/atom+xml", pageUrl + "/history.atom");
            Link(xml, "alternate", "text/html", pageUrl);
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, pageName);
            xml.WriteEndElement();
            foreach (var incident in incidents)
            {
                var link = $"{pageUrl}#{incident.Anchor}";
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, link);
                xml.WriteElementString("title", Atom, incident.Public.Name);
                xml.WriteElementString("updated", Atom, Time(incident.Public.UpdatedAt));
                xml.WriteElementString("published", Atom, Time(incident.Public.PublishedAt!.Value));
                Link(xml, "alternate", "text/html", link);
                xml.WriteStartElement("content", Atom);
                xml.WriteAttributeString("type", "html");
                // The HTML is written as text, so its markup is escaped once for XML; what people wrote is escaped
                // before that for HTML, so it reaches a feed reader as text, never as markup.
                xml.WriteString(Html(incident));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return stream.ToArray();
    }

    private static string Html(StatusView.Incident incident)
    {
        var html = new StringBuilder();
        foreach (var u in incident.Updates)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><small>{Time(u.PublishedAt!.Value)}</small><br><strong>{WebUtility.HtmlEncode(PublicIncidentStatus.Label(u.Status))}</strong> - {WebUtility.HtmlEncode(u.Body)}</p>");
        }

        return html.ToString();
    }

    private static void Link(XmlWriter xml, string rel, string type, string href)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
