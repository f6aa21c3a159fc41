using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Firebreak.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IncidentRefire : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastAcknowledgedAt",
                table: "incidents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RefiredAt",
                table: "incidents",
                type: "timestamp with time zone",
                nullable: true);

            // Every answered incident stands answered: only a re-fire from now on asks for a new acknowledgement.
            migrationBuilder.Sql("""UPDATE incidents SET "LastAcknowledgedAt" = "AcknowledgedAt";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastAcknowledgedAt",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "RefiredAt",
                table: "incidents");
        }
    }
}
