using System.Globalization;
using System.Text;

namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP: right for a relay on localhost, wrong across a network.</summary>
    None,

    /// <summary>Connect in plain text, then upgrade with STARTTLS (usually port 587); fails if the server cannot.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    Ssl,
}

/// <summary>The outgoing mail server, from the configuration section <c>Firebreak:Smtp</c>.</summary>
public sealed record SmtpSettings(string? Host, int Port, string? From, string? User, string? Password, SmtpSecurity Security)
{
    public const string Section = "Firebreak:Smtp";

    /// <summary>How long one connect, command or upload may take before the send counts as a transient failure.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Email is possible only with a server to send through and an address to send from.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);

    public static SmtpSettings FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var security = section["Security"] switch
        {
            null or "" => SmtpSecurity.None,
            var s when s.Equals("none", StringComparison.OrdinalIgnoreCase) => SmtpSecurity.None,
            var s when s.Equals("starttls", StringComparison.OrdinalIgnoreCase) => SmtpSecurity.StartTls,
            var s when s.Equals("ssl", StringComparison.OrdinalIgnoreCase) || s.Equals("tls", StringComparison.OrdinalIgnoreCase) => SmtpSecurity.Ssl,
            var s => throw new InvalidOperationException($"{Section}:Security must be none, starttls or ssl, not '{s}'."),
        };
        var port = section["Port"] is { Length: > 0 } p
            ? int.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture)
            : security == SmtpSecurity.Ssl ? 465 : security == SmtpSecurity.StartTls ? 587 : 25;
        var timeout = section["TimeoutSeconds"] is { Length: > 0 } t
            ? TimeSpan.FromSeconds(double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture))
            : TimeSpan.FromSeconds(10);
        return new SmtpSettings(
            Blank(section["Host"]), port, Blank(section["From"]), Blank(section["User"]), Blank(section["Password"]), security)
        {
            Timeout = timeout,
        };
    }

    // A record prints every member; the password must never reach a log line or an exception message that way.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Host = {Host}, Port = {Port}, From = {From}, User = {User}, ");
        builder.Append(CultureInfo.InvariantCulture, $"Password = {(Password is null ? "(none)" : "***")}, Security = {Security}, Timeout = {Timeout}");
        return true;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
