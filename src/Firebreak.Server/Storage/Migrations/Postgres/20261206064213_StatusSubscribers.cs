using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Firebreak.Server.Storage.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Components = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConfirmationDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConfirmationSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NoticeDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastNoticeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastTold = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    FailedAttempts = table.Column<int>(type: "integer", nullable: false)
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
