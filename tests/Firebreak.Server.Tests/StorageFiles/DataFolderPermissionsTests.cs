using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static System.IO.UnixFileMode;

namespace Firebreak.Server.Tests.StorageFiles;

/// <summary>
/// The SQLite database holds integration keys and signing secrets, so its folder is 0700 and its files 0600 on Unix,
/// whatever the umask: checked on the real files of a real server. SQLite only (Storage/ is the source folder; the
/// test namespace differs so that it does not hide Firebreak.Server.Storage).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFolderPermissionsTests
{
    private const UnixFileMode Folder = UserRead | UserWrite | UserExecute;
    private const UnixFileMode PrivateFile = UserRead | UserWrite;
    private const UnixFileMode Loose = Folder | GroupRead | GroupExecute | OtherRead | OtherExecute;
    private const UnixFileMode LooseFile = PrivateFile | GroupRead | OtherRead;

    [Fact]
    public async Task ANewDataFolder_IsPrivate_AndSoAreTheDatabaseItsWalAndShm_AfterTheServerWrites()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var root = Directory.CreateTempSubdirectory("firebreak-perm-").FullName;
        var dataDir = Path.Combine(root, "data");
        try
        {
            var app = FirebreakServer.Build(new ServerOptions
            {
                Urls = "http://127.0.0.1:0",
                DataDir = dataDir,
                Settings = new Dictionary<string, string?> { ["FIREBREAK_ADMIN_PASSWORD"] = RunningServer.AdminPassword },
            });
            await using (app)
            {
                await FirebreakServer.PrepareAsync(app, TextWriter.Null);
                await app.StartAsync();
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<FirebreakDb>();
                    db.Services.Add(new Service { Key = "perm", Name = "Permissions" });
                    await db.SaveChangesAsync();
                }

                Assert.Equal(Folder, ModeOf(dataDir));
                foreach (var file in new[] { "firebreak.db", "firebreak.db-wal", "firebreak.db-shm" })
                {
                    var path = Path.Combine(dataDir, file);
                    Assert.True(File.Exists(path), $"{file} not written");
                    Assert.True(PrivateFile == ModeOf(path), $"{file} is {ModeOf(path)}");
                }

                await app.StopAsync();
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task ALooseDataFolderFromBefore_IsTightenedAtStart_AndSaysSoOnce()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var dataDir = Directory.CreateTempSubdirectory("firebreak-loose-").FullName;
        try
        {
            var db = Path.Combine(dataDir, "firebreak.db");
            await File.WriteAllBytesAsync(db, []);
            File.SetUnixFileMode(db, LooseFile);
            File.SetUnixFileMode(dataDir, Loose);

            var first = await FirebreakProcess.RunAsync(new Dictionary<string, string?>(), "migrate", "--data", dataDir);
            var second = await FirebreakProcess.RunAsync(new Dictionary<string, string?>(), "migrate", "--data", dataDir);

            Assert.Equal(0, first.ExitCode);
            Assert.Contains("made it 0700", first.Out + first.Error, StringComparison.Ordinal);
            Assert.Equal(Folder, ModeOf(dataDir));
            Assert.Equal(PrivateFile, ModeOf(db));
            Assert.Equal(0, second.ExitCode);
            Assert.DoesNotContain("0700", second.Out + second.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task ALooseFolderHoldingOtherThings_KeepsItsMode_ButTheDatabaseIsTightened_AndItWarns()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var dataDir = Directory.CreateTempSubdirectory("firebreak-shared-").FullName;
        try
        {
            var db = Path.Combine(dataDir, "firebreak.db");
            await File.WriteAllBytesAsync(db, []);
            await File.WriteAllTextAsync(Path.Combine(dataDir, "notes.txt"), "not Firebreak's");
            File.SetUnixFileMode(db, LooseFile);
            File.SetUnixFileMode(dataDir, Loose);

            var run = await FirebreakProcess.RunAsync(new Dictionary<string, string?>(), "migrate", "--data", dataDir);

            Assert.Equal(0, run.ExitCode);
            Assert.Equal(Loose, ModeOf(dataDir));
            Assert.Equal(PrivateFile, ModeOf(db));
            Assert.Contains("chmod 700", run.Out + run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static UnixFileMode ModeOf(string path) => File.GetUnixFileMode(path);
}
