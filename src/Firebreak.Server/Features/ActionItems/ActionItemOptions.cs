using System.Text.RegularExpressions;

namespace Firebreak.Server.Features.ActionItems;

/// <summary><c>Firebreak:ActionItems:Prefix</c> (default <c>FB</c>): the letters before a follow-up's number.</summary>
public sealed partial record ActionItemOptions(string Prefix)
{
    public const string PrefixKey = "Firebreak:ActionItems:Prefix";

    public static ActionItemOptions From(IConfiguration configuration)
    {
        var prefix = configuration[PrefixKey] is { Length: > 0 } p ? p : "FB";
        return PrefixShape().IsMatch(prefix)
            ? new ActionItemOptions(prefix)
            : throw new InvalidOperationException($"{PrefixKey} '{prefix}' must be 1 to 10 capital letters or digits, starting with a letter (e.g. FB, OPS).");
    }

    [GeneratedRegex("^[A-Z][A-Z0-9]{0,9}$")]
    private static partial Regex PrefixShape();
}
