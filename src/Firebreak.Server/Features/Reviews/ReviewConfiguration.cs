using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Reviews;

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> b)
    {
        b.ToTable("reviews");
        // One review per incident: the resolution hook and a responder starting one at the same moment cannot make two.
        b.HasIndex(r => r.IncidentId).IsUnique();
        b.HasIndex(r => new { r.Status, r.DueAt });
        b.Property(r => r.Status).HasMaxLength(16);
        b.Property(r => r.ImpactLevel).HasMaxLength(8);
        b.Property(r => r.SubmittedBy).HasMaxLength(200);
        b.Property(r => r.PublishedBy).HasMaxLength(200);
        b.Property(r => r.Summary).HasMaxLength(ReviewLimits.TextMax);
        b.Property(r => r.ProximateCause).HasMaxLength(ReviewLimits.TextMax);
        b.Property(r => r.ContributingFactors).HasMaxLength(ReviewLimits.TextMax);
        b.Property(r => r.DetectionGap).HasMaxLength(ReviewLimits.TextMax);
        b.Property(r => r.WentWell).HasMaxLength(ReviewLimits.TextMax);
        b.Property(r => r.CouldBeBetter).HasMaxLength(ReviewLimits.TextMax);
        b.Property(r => r.Lessons).HasMaxLength(ReviewLimits.TextMax);
        b.Property(r => r.RevenueImpact).HasPrecision(18, 2);
        b.Property(r => r.Revision).IsConcurrencyToken();
        b.HasOne(r => r.Incident).WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(r => r.OwnerId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ReviewId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewAnswerConfiguration : IEntityTypeConfiguration<ReviewAnswer>
{
    public void Configure(EntityTypeBuilder<ReviewAnswer> b)
    {
        b.ToTable("review_answers");
        b.HasIndex(a => new { a.ReviewId, a.Position }).IsUnique();
        b.Property(a => a.Question).HasMaxLength(ReviewLimits.QuestionMax);
        b.Property(a => a.Answer).HasMaxLength(ReviewLimits.TextMax);
    }
}
