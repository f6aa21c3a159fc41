using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Firebreak.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatusWebhookSubscribers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "status_webhook_subscribers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SecretProtected = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Components = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NoticeDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastNoticeAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastTold = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    LastUpdateAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastUpdateId = table.Column<long>(type: "INTEGER", nullable: false),
                    FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_status_webhook_subscribers", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_status_webhook_subscribers_NoticeDueAt",
                table: "status_webhook_subscribers",
                column: "NoticeDueAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "status_webhook_subscribers");
        }
    }
}
