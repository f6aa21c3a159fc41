namespace Firebreak.Cli.Features.Escalation;

// The client's view of the server's contracts, with only what the CLI shows. Not the server's own types: the CLI is
// a plain HTTP client and must keep working against a server of a slightly different version.

internal sealed record PolicyStepModel(List<string> Targets, string? Delay);

internal sealed record PolicyRuleModel(string? Key, List<string> When, List<string> Notify);

internal sealed record PolicyModel(
    string Key, string Name, string? Description, List<PolicyStepModel> Steps, int Repeats, List<PolicyRuleModel> Rules, List<string> Services,
    DateTimeOffset UpdatedAt);

internal sealed record PolicyAssignmentModel(string Service, string? Policy);

internal sealed record DeliveryModel(
    Guid Id, string Username, string Channel, string Cause, string Reason, int Attempt, string Status, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset DueAt, DateTimeOffset? FinishedAt);

internal sealed record EscalationStateModel(
    string? Policy, string? PolicyName, int StepsFired, int? CurrentStep, int? NextStep, DateTimeOffset? NextStepDue, bool Stopped,
    string? StoppedBecause, List<string> FiredRules, List<DeliveryModel> Deliveries, double? NextStepInSeconds);
