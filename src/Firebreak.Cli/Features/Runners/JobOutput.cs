using System.Text;

namespace Firebreak.Cli.Features.Runners;

/// <summary>
/// One stream of a job's output between reports. Past the server's 64 KB per stream the rest is drained and dropped,
/// so a chatty command cannot fill the runner's memory; a little more than 64 KB is sent so the server marks the cut.
/// </summary>
internal sealed class JobOutput
{
    private const int Budget = (64 * 1024) + 1024;

    private readonly Lock _lock = new();
    private readonly StringBuilder _pending = new();
    private int _sent;

    public async Task PumpAsync(TextReader reader)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (_lock)
            {
                var room = Budget - _sent - _pending.Length;
                if (room > 0)
                {
                    _pending.Append(buffer, 0, Math.Min(read, room));
                }
            }
        }
    }

    /// <summary>What arrived since the last call.</summary>
    public string Take()
    {
        lock (_lock)
        {
            var text = _pending.ToString();
            _sent += text.Length;
            _pending.Clear();
            return text;
        }
    }
}
