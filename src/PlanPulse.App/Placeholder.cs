namespace PlanPulse.App; internal static class Placeholder { }
