using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>
/// Sends a composed email through the SMTP server in <see cref="SmtpSettings"/> and says how it went: pages and every
/// other mail the server sends (status page subscribers) share one account of which SMTP failures are worth retrying.
/// </summary>
public sealed partial class SmtpSender(SmtpSettings settings, ILogger<SmtpSender> log)
{
    /// <summary>The configured sender, or null when SMTP is not set up or its From is not an address.</summary>
    public MailboxAddress? From => settings.IsConfigured && MailboxAddress.TryParse(settings.From, out var from) ? from : null;

    public async Task<DeliveryOutcome> SendAsync(MimeMessage email, CancellationToken ct)
    {
        if (!settings.IsConfigured || settings.Host is not { } host)
        {
            return DeliveryOutcome.Failed("SMTP is not configured", permanent: true);
        }

        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        var outcome = await TrySendAsync(client, host, email, ct);
        if (!outcome.Sent)
        {
            Log.Failed(log, settings.Host, settings.Port, outcome.Error, outcome.Permanent);
        }

        return outcome;
    }

    private async Task<DeliveryOutcome> TrySendAsync(SmtpClient client, string host, MimeMessage email, CancellationToken ct)
    {
        try
        {
            await client.ConnectAsync(host, settings.Port, Options(settings.Security), ct);
            if (settings.User is not null)
            {
                await client.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
            }

            await client.SendAsync(email, ct);
            await client.DisconnectAsync(quit: true, ct);
            return DeliveryOutcome.Ok;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (SmtpCommandException e)
        {
            // 5xx is the server's final answer (no such mailbox, relaying denied); 4xx asks us to come back later.
            var code = (int)e.StatusCode;
            return DeliveryOutcome.Failed($"SMTP {code} ({e.ErrorCode}): {e.Message}", permanent: code >= 500);
        }
        catch (AuthenticationException)
        {
            // MailKit's message names the mechanism, never the password; ours names neither, to be sure.
            return DeliveryOutcome.Failed("SMTP authentication failed: check the user and password", permanent: true);
        }
        catch (SslHandshakeException e)
        {
            return DeliveryOutcome.Failed($"TLS with the SMTP server failed: {e.Message}", permanent: true);
        }
        catch (NotSupportedException e)
        {
            // The server lacks what the settings require (STARTTLS, an auth mechanism): retrying changes nothing.
            return DeliveryOutcome.Failed($"SMTP server {settings.Host}:{settings.Port}: {e.Message}", permanent: true);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException or OperationCanceledException
                                      or SmtpProtocolException or ServiceNotConnectedException)
        {
            return DeliveryOutcome.Failed($"SMTP server {settings.Host}:{settings.Port} unreachable: {e.Message}");
        }
    }

    private static SecureSocketOptions Options(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.Ssl => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Email through {Host}:{Port} failed (permanent: {Permanent}): {Error}")]
        public static partial void Failed(ILogger logger, string? host, int port, string? error, bool permanent);
    }
}
