using Firebreak.Server.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace Firebreak.Server.Hosting;

/// <summary>
/// The keys that sign cookies and antiforgery tokens live with the data (<c>&lt;data&gt;/keys</c>, 0700 like the
/// database), not in the home folder ASP.NET falls back to, which a container or a service account may not keep: a
/// restart must not sign everyone out. Several nodes share one key ring by pointing
/// <c>Firebreak:DataProtection:KeysPath</c> at a shared folder.
/// </summary>
public static class KeyRing
{
    public const string PathKey = "Firebreak:DataProtection:KeysPath";

    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration, string dataDir)
    {
        var path = configuration[PathKey] ?? Path.Combine(dataDir, DataFolder.KeysFolder);
        services.AddDataProtection()
            .SetApplicationName("firebreak")
            .PersistKeysToFileSystem(DataFolder.Private(Path.GetFullPath(path)));
        return services;
    }
}
