using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Firebreak.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RunbookRunners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "runbook_runners",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Labels = table.Column<string>(type: "TEXT", nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SecretHash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_runbook_runners", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "runbook_runner_jobs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResultId = table.Column<long>(type: "INTEGER", nullable: false),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Labels = table.Column<string>(type: "TEXT", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RunnerId = table.Column<long>(type: "INTEGER", nullable: true),
                    RunnerName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClaimedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelRequestedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_runbook_runner_jobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_runbook_runner_jobs_runbook_runners_RunnerId",
                        column: x => x.RunnerId,
                        principalTable: "runbook_runners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_runbook_runner_jobs_runbook_step_results_ResultId",
                        column: x => x.ResultId,
                        principalTable: "runbook_step_results",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_runbook_runner_jobs_ResultId",
                table: "runbook_runner_jobs",
                column: "ResultId");

            migrationBuilder.CreateIndex(
                name: "IX_runbook_runner_jobs_RunnerId",
                table: "runbook_runner_jobs",
                column: "RunnerId");

            migrationBuilder.CreateIndex(
                name: "IX_runbook_runner_jobs_State",
                table: "runbook_runner_jobs",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_runbook_runners_Name",
                table: "runbook_runners",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_runbook_runners_Prefix",
                table: "runbook_runners",
                column: "Prefix",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "runbook_runner_jobs");

            migrationBuilder.DropTable(
                name: "runbook_runners");
        }
    }
}
