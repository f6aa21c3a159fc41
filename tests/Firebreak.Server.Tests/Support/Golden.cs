using System.Runtime.CompilerServices;

namespace Firebreak.Server.Tests.Support;

/// <summary>
/// Compares text with a file kept beside the test (<c>Golden/&lt;name&gt;.txt</c>). Set FIREBREAK_UPDATE_GOLDEN=1 to
/// write the file instead; a missing file is written and the test fails, so a new golden is always looked at once.
/// </summary>
public static class Golden
{
    public static void Check(string name, string actual, [CallerFilePath] string caller = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(caller)!, "Golden", $"{name}.txt");
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("FIREBREAK_UPDATE_GOLDEN") == "1" || !File.Exists(path))
        {
            var existed = File.Exists(path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            Assert.True(existed, $"{path} was missing and has been written; check it and run again.");
            return;
        }

        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }
}
