namespace Firebreak.Cli.Features.Runners;

/// <summary>The runner's loop: ask for a job (the server holds the request until it has one), run it, ask again.</summary>
internal sealed class RunnerWorker(CliEnvironment env, RunnerConnection server, AllowList allow)
{
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(30);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        await env.Error.WriteLineAsync(allow.Count == 0
            ? $"Runner asking {server.Server} for work. No commands are allowed (no --allow file, or it is empty): every job will be refused."
            : $"Runner asking {server.Server} for work; {allow.Count} command(s) allowed by {allow.Source}.");
        var backoff = TimeSpan.FromSeconds(1);
        var execution = new JobExecution(env, server, allow);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await server.PollAsync(ct) is { } job)
                {
                    await execution.RunAsync(job, ct);
                }

                backoff = TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // The server restarting, or the network blinking: try again, less often the longer it lasts.
                await env.Error.WriteLineAsync($"Cannot reach {server.Server} ({ex.Message}); trying again in {backoff.TotalSeconds:0} s.");
                try
                {
                    await Task.Delay(backoff, env.Clock, ct);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                backoff = backoff * 2 > s_maxBackoff ? s_maxBackoff : backoff * 2;
            }
        }

        return ExitCodes.Ok;
    }
}
