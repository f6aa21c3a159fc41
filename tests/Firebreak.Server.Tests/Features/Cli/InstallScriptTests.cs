using System.Diagnostics;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary>The README's install line: <c>scripts/install.sh</c> puts a working <c>firebreak</c> on PATH (issue 11 #14).</summary>
[RunsLong]
public sealed class InstallScriptTests
{
    [Fact]
    public async Task InstallScript_IntoAPrefix_FirebreakRunsFromAnotherFolderByName()
    {
        var prefix = Directory.CreateTempSubdirectory("firebreak-prefix-").FullName;
        var elsewhere = Directory.CreateTempSubdirectory("firebreak-elsewhere-").FullName;
        try
        {
            // Run from a folder outside the repository, as someone following the README from their home would. The
            // Debug build the suite already has is installed: a Release build would compile everything again, two
            // minutes of a 2-core CI machine, to test the same script.
            var install = await RunAsync(elsewhere, TimeSpan.FromMinutes(10), "bash", Path.Combine(ChildServer.RepoRoot(), "scripts", "install.sh"), "--prefix", prefix, "--no-build");
            Assert.True(install.ExitCode == 0, install.ToString());
            var bin = Path.Combine(prefix, "bin");
            Assert.Contains(bin, install.Out, StringComparison.Ordinal);

            // Found by name through PATH, in a folder that is neither the repository nor the install folder.
            var path = $"{bin}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}";
            var version = await RunAsync(elsewhere, TimeSpan.FromMinutes(1), "sh", "-c", $"PATH='{path}' firebreak --version");
            Assert.True(version.ExitCode == 0, version.ToString());
            Assert.Matches(@"^\d+\.\d+\.\d+", version.Out);

            var help = await RunAsync(elsewhere, TimeSpan.FromMinutes(1), "sh", "-c", $"PATH='{path}' firebreak incident --help");
            Assert.True(help.ExitCode == 0, help.ToString());
            Assert.Contains("declare", help.Out, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(prefix, recursive: true);
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    private static async Task<CliRun> RunAsync(string workingDirectory, TimeSpan bound, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
