using System.Text.Json;

namespace Firebreak.Cli.Config;

/// <summary>Reads and writes <c>config.json</c>, which holds a bearer token and so must stay private to its owner.</summary>
internal sealed class ConfigStore(string directory)
{
    private const string FileName = "config.json";
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Path { get; } = System.IO.Path.Combine(directory, FileName);

    public async Task<CliConfig?> LoadAsync(CancellationToken ct)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(Path);
            var config = await JsonSerializer.DeserializeAsync<CliConfig>(stream, s_json, ct);
            return config is { Url.Length: > 0, Token.Length: > 0 } ? config : throw new JsonException("url or token is missing");
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.Usage, $"The config file {Path} is not valid ({ex.Message}).",
                ["Run 'firebreak login' to write it again, or 'firebreak logout' to remove it."]);
        }
    }

    public async Task SaveAsync(CliConfig config, CancellationToken ct)
    {
        CreatePrivateDirectory(directory);

        // Write a fresh 0600 file and rename it over the old one: the token is never readable by others, not even
        // for a moment, and a crash mid-write leaves the previous login intact.
        var temp = Path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temp, options))
        {
            await JsonSerializer.SerializeAsync(stream, config, s_json, ct);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode only applies to new files; a leftover temp file keeps its old mode.
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, Path, overwrite: true);
    }

    public bool Delete()
    {
        if (!File.Exists(Path))
        {
            return false;
        }

        File.Delete(Path);
        return true;
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
