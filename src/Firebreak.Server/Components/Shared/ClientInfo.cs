namespace Firebreak.Server.Components.Shared;

/// <summary>
/// Facts about the browser's connection captured once from the HTTP request that rendered the page. Inside a circuit
/// there is no reliable HttpContext, so the address travels as a root-component parameter, which Blazor protects
/// with data protection: the browser can neither read nor forge it.
/// </summary>
public sealed record ClientInfo(string? RemoteAddress);
