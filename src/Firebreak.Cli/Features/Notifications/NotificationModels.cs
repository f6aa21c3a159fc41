namespace Firebreak.Cli.Features.Notifications;

// The client's view of the server's contracts, with only what the CLI shows. Not the server's own types: the CLI is
// a plain HTTP client and must keep working against a server of a slightly different version.

internal sealed record ContactMethodModel(long Id, string Kind, string Label, string Address, bool HasSecret, DateTimeOffset CreatedAt);

internal sealed record NotificationRuleModel(long ContactMethodId, int DelayMinutes);

internal sealed record TestNotificationModel(Guid Delivery, string Channel, string Status);

internal sealed record DeliveryStatusModel(Guid Id, string Status, string? Error);
