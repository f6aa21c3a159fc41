namespace Firebreak.Server.Features.Comms;

/// <summary>What a message to stakeholders is: the kinds templates exist for, in the order an incident meets them.</summary>
public static class CommsKinds
{
    public const string Declaration = "declaration";
    public const string Update = "update";
    public const string Resolution = "resolution";
    public const string PublicPost = "public_post";
    public const string CustomerEmail = "customer_email";

    public static readonly IReadOnlyList<string> All = [Declaration, Update, Resolution, PublicPost, CustomerEmail];
}

/// <summary>Bounds on what people write, so one update fits a chat message and an email without surprises.</summary>
public static class CommsLimits
{
    public const int MaxText = 4000;

    public const int MaxTemplate = 8000;
}
