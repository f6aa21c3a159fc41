using System.ComponentModel;
using System.Diagnostics;

namespace Firebreak.Cli.Features.Runners;

/// <summary>
/// Runs one job: the command only if the allow-list has it, started with an argument list (never through a shell),
/// output reported every second, the whole process tree killed on timeout or when the server says stop.
/// </summary>
internal sealed class JobExecution(CliEnvironment env, RunnerConnection server, AllowList allow)
{
    private static readonly TimeSpan s_reportEvery = TimeSpan.FromSeconds(1);

    /// <summary>The runner's own token is in its environment; a step's command has no business with it.</summary>
    private static readonly string[] s_withheld = [RunnerWorkerCommand.TokenVariable];

    public async Task RunAsync(RunnerJobModel job, CancellationToken ct)
    {
        await LogAsync($"job {job.Id}: {job.Step}");
        var (path, refusal) = job.Argv.Count == 0 ? (null, "the step has no command: argv is empty") : allow.Resolve(job.Argv[0]);
        if (path is null)
        {
            await LogAsync($"job {job.Id} refused: {refusal}");
            await ReportDoneAsync(job, new { outcome = "refused", error = refusal }, ct);
            return;
        }

        if (job.WorkDir is { } dir && !Directory.Exists(dir))
        {
            await ReportDoneAsync(job, new { outcome = "refused", error = $"the working folder '{dir}' does not exist on this runner" }, ct);
            return;
        }

        var start = new ProcessStartInfo(path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = job.WorkDir ?? "",
        };
        foreach (var arg in job.Argv.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in s_withheld)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in job.Env)
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception ex)
        {
            await ReportDoneAsync(job, new { outcome = "refused", error = $"could not start {path}: {ex.Message}" }, ct);
            return;
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = new JobOutput();
            var stderr = new JobOutput();
            var pumps = Task.WhenAll(stdout.PumpAsync(process.StandardOutput), stderr.PumpAsync(process.StandardError));
            var exited = process.WaitForExitAsync(CancellationToken.None);
            var started = env.Clock.GetTimestamp();
            var timeout = TimeSpan.FromSeconds(Math.Max(1, job.TimeoutSeconds));
            (string Outcome, string? Error)? stopped = null;
            while (!exited.IsCompleted)
            {
                var left = timeout - env.Clock.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    stopped = ("timed_out", $"ran past its timeout of {job.TimeoutSeconds} s");
                    break;
                }

                using var wake = CancellationTokenSource.CreateLinkedTokenSource(ct);
                await Task.WhenAny(exited, Task.Delay(left < s_reportEvery ? left : s_reportEvery, env.Clock, wake.Token));
                await wake.CancelAsync();
                if (ct.IsCancellationRequested)
                {
                    stopped = ("cancelled", "the runner was stopped");
                    break;
                }

                if (!exited.IsCompleted && env.Clock.GetElapsedTime(started) < timeout && await TellAsync(job, stdout, stderr, ct))
                {
                    stopped = ("cancelled", null);
                    break;
                }
            }

            if (stopped is not null)
            {
                Kill(process);
            }

            await exited;
            // The tree is dead or done; a grandchild that left the group could still hold a pipe, so the wait is bounded.
            await Task.WhenAny(pumps, Task.Delay(TimeSpan.FromSeconds(5), env.Clock, CancellationToken.None));
            var report = stopped is { } s
                ? (object)new { outcome = s.Outcome, error = s.Error, stdout = stdout.Take(), stderr = stderr.Take() }
                : new { outcome = "exited", exitCode = process.ExitCode, stdout = stdout.Take(), stderr = stderr.Take() };
            await LogAsync($"job {job.Id}: {(stopped is { } t ? t.Outcome : $"exit {process.ExitCode}")}");
            await ReportDoneAsync(job, report, CancellationToken.None);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    /// <summary>Sends the output so far; true when the server wants the job stopped. A lost report is not a reason to stop.</summary>
    private async Task<bool> TellAsync(RunnerJobModel job, JobOutput stdout, JobOutput stderr, CancellationToken ct)
    {
        try
        {
            return await server.OutputAsync(job.Id, stdout.Take(), stderr.Take(), ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            await LogAsync($"job {job.Id}: could not report output ({ex.Message}); the command keeps running");
            return false;
        }
    }

    private async Task ReportDoneAsync(RunnerJobModel job, object report, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await server.DoneAsync(job.Id, report, ct);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && attempt < 5 && !ct.IsCancellationRequested)
            {
                await LogAsync($"job {job.Id}: could not report the end ({ex.Message}); trying again");
                await Task.Delay(TimeSpan.FromSeconds(attempt), env.Clock, ct);
            }
        }
    }

    private Task LogAsync(string line) => env.Error.WriteLineAsync($"{env.Clock.GetUtcNow():u} {line}");
}
