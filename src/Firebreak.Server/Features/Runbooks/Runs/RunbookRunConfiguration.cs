using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Runbooks.Runs;

internal sealed class RunbookRunConfiguration : IEntityTypeConfiguration<RunbookRun>
{
    public void Configure(EntityTypeBuilder<RunbookRun> b)
    {
        b.ToTable("runbook_runs");
        b.HasIndex(r => r.IncidentId);
        b.HasIndex(r => r.RunbookId);
        b.Property(r => r.RunbookKey).HasMaxLength(64);
        b.Property(r => r.Title).HasMaxLength(200);
        b.Property(r => r.StartedBy).HasMaxLength(200);
        b.Property(r => r.FinishedBy).HasMaxLength(200);
        b.Property(r => r.Verdict).HasMaxLength(16);
        b.Property(r => r.VerdictNote).HasMaxLength(2000);
        b.HasOne<Features.Incidents.Incident>().WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Runbook>().WithMany().HasForeignKey(r => r.RunbookId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<RunbookVersion>().WithMany().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Results).WithOne().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RunbookStepResultConfiguration : IEntityTypeConfiguration<RunbookStepResult>
{
    public void Configure(EntityTypeBuilder<RunbookStepResult> b)
    {
        b.ToTable("runbook_step_results");
        b.HasIndex(s => new { s.RunId, s.Number });
        b.Property(s => s.StepKey).HasMaxLength(64);
        b.Property(s => s.Kind).HasMaxLength(16);
        b.Property(s => s.Status).HasMaxLength(24);
        b.Property(s => s.Actor).HasMaxLength(200);
        b.Property(s => s.Stdout).HasMaxLength(StepOutput.MaxBytes);
        b.Property(s => s.Stderr).HasMaxLength(StepOutput.MaxBytes);
        b.Property(s => s.Note).HasMaxLength(2000);
        b.Property(s => s.ApprovedBy).HasMaxLength(200);
    }
}
