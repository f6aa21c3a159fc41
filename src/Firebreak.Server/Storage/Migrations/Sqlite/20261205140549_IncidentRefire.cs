using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Firebreak.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IncidentRefire : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastAcknowledgedAt",
                table: "incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RefiredAt",
                table: "incidents",
                type: "INTEGER",
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
