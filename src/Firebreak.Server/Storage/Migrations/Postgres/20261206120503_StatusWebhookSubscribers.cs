using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Firebreak.Server.Storage.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    SecretProtected = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Components = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NoticeDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastNoticeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastTold = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    LastUpdateAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastUpdateId = table.Column<long>(type: "bigint", nullable: false),
                    FailedAttempts = table.Column<int>(type: "integer", nullable: false)
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
