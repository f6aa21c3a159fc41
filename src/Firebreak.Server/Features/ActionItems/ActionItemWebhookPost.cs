using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.ActionItems;

/// <summary>
/// One created or changed follow-up waiting to be posted to the trackers, its body fixed when the change committed;
/// removed once every tracker has taken or refused it.
/// </summary>
public sealed class ActionItemWebhookPost
{
    public long Id { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>Ids of the trackers done with it (<see cref="ActionItemWebhookTarget.Id"/>), space-separated.</summary>
    public string Done { get; set; } = "";
}

internal sealed class ActionItemWebhookPostConfiguration : IEntityTypeConfiguration<ActionItemWebhookPost>
{
    public void Configure(EntityTypeBuilder<ActionItemWebhookPost> b)
    {
        b.ToTable("action_item_webhook_posts");
        b.HasIndex(p => p.NextAttemptAt);
        b.Property(p => p.Done).HasMaxLength(ActionItemWebhookOptions.MaxTargets * 9);
    }
}
