using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanPulse.App.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PortfolioIndicators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Measure",
                table: "Indicators",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MeasureList",
                table: "Indicators",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MeasureTrack",
                table: "Indicators",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Measure",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "MeasureList",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "MeasureTrack",
                table: "Indicators");
        }
    }
}
