using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Firebreak.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatusSubscribers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "status_subscribers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Components = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConfirmationDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConfirmationSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    NoticeDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastNoticeAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastTold = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_status_subscribers", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_status_subscribers_ConfirmationDueAt",
                table: "status_subscribers",
                column: "ConfirmationDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_status_subscribers_Email",
                table: "status_subscribers",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_status_subscribers_NoticeDueAt",
                table: "status_subscribers",
                column: "NoticeDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_status_subscribers_Token",
                table: "status_subscribers",
                column: "Token",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "status_subscribers");
        }
    }
}
