namespace Firebreak.Core.Incidents;

/// <summary>Kinds of timeline entries, as stored and shown.</summary>
public static class TimelineKind
{
    public const string Declared = "declared";
    public const string StatusChanged = "status_changed";
    public const string SeverityChanged = "severity_changed";
    public const string RoleAssigned = "role_assigned";
    public const string Note = "note";
    public const string ChecklistChecked = "checklist_checked";
    public const string ChecklistUnchecked = "checklist_unchecked";
    public const string Edited = "edited";
    public const string AlertJoined = "alert_joined";
    public const string AlertResolved = "alert_resolved";
    public const string AlertMoved = "alert_moved";
    public const string Merged = "merged";
    public const string Escalated = "escalated";
    public const string ConditionRuleFired = "condition_rule_fired";
    public const string Notification = "notification";
    public const string RunbookStarted = "runbook_started";
    public const string RunbookStep = "runbook_step";
    public const string RunbookFinished = "runbook_finished";
    public const string RunbookEscalated = "runbook_escalated";
    public const string Review = "review";
    public const string ActionItem = "action_item";
    public const string PublicUpdate = "public_update";
    public const string StakeholderUpdate = "stakeholder_update";
    public const string CommsReminder = "comms_reminder";
    public const string CommsSent = "comms_sent";
}
