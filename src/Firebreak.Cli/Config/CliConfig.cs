namespace Firebreak.Cli.Config;

/// <summary>What <c>firebreak login</c> saves: one server and a token for it.</summary>
public sealed record CliConfig(string Url, string Token);
