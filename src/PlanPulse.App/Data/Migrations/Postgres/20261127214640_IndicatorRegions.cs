using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanPulse.App.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IndicatorRegions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_IndicatorTargets_PlanId_IndicatorId_Year",
                table: "IndicatorTargets");

            migrationBuilder.DropIndex(
                name: "IX_IndicatorObservations_EndMonth",
                table: "IndicatorObservations");

            migrationBuilder.DropIndex(
                name: "IX_IndicatorObservations_IndicatorId_Period",
                table: "IndicatorObservations");

            migrationBuilder.AddColumn<string>(
                name: "Region",
                table: "IndicatorTargets",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Region",
                table: "IndicatorObservations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorTargets_PlanId_IndicatorId_Year_Region",
                table: "IndicatorTargets",
                columns: new[] { "PlanId", "IndicatorId", "Year", "Region" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorObservations_IndicatorId_Region_Period",
                table: "IndicatorObservations",
                columns: new[] { "IndicatorId", "Region", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorObservations_Region_EndMonth",
                table: "IndicatorObservations",
                columns: new[] { "Region", "EndMonth" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_IndicatorTargets_PlanId_IndicatorId_Year_Region",
                table: "IndicatorTargets");

            migrationBuilder.DropIndex(
                name: "IX_IndicatorObservations_IndicatorId_Region_Period",
                table: "IndicatorObservations");

            migrationBuilder.DropIndex(
                name: "IX_IndicatorObservations_Region_EndMonth",
                table: "IndicatorObservations");

            migrationBuilder.DropColumn(
                name: "Region",
                table: "IndicatorTargets");

            migrationBuilder.DropColumn(
                name: "Region",
                table: "IndicatorObservations");

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorTargets_PlanId_IndicatorId_Year",
                table: "IndicatorTargets",
                columns: new[] { "PlanId", "IndicatorId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorObservations_EndMonth",
                table: "IndicatorObservations",
                column: "EndMonth");

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorObservations_IndicatorId_Period",
                table: "IndicatorObservations",
                columns: new[] { "IndicatorId", "Period" },
                unique: true);
        }
    }
}
