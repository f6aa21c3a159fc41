using System.CommandLine;

namespace Firebreak.Cli.Commands;

internal static class CommandActions
{
    /// <summary>
    /// Sets the command's action so that a <see cref="CliException"/> anywhere inside ends it with its exit code and
    /// its message on stderr, never a stack trace.
    /// </summary>
    public static void SetCliAction(this Command command, CliEnvironment env, Func<ParseResult, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                return await action(parse, ct);
            }
            catch (CliException ex)
            {
                await env.Error.WriteLineAsync($"Error: {ex.Message}".AsMemory(), ct);
                foreach (var line in ex.Details)
                {
                    await env.Error.WriteLineAsync($"  {line}".AsMemory(), ct);
                }

                return ex.ExitCode;
            }
        });
    }
}
