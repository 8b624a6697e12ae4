namespace PlanPulse.Web;

/// <summary>
/// A query value holding a control character (<c>?list=%00</c>) is a bad request, answered 400 before any page or
/// endpoint runs: it once reached PostgreSQL as a string it refuses and came back a 500. No legitimate link, form or
/// script sends one; the error page (or problem details on the API) says the parameters are wrong.
/// </summary>
public sealed class QueryGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        foreach (var (key, values) in context.Request.Query)
        {
            if (HasControl(key) || values.Any(v => v is not null && HasControl(v)))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return Task.CompletedTask;
            }
        }

        return next(context);
    }

    private static bool HasControl(string text) => text.AsSpan().IndexOfAnyInRange('\u0000', '\u001F') >= 0 || text.Contains('\u007F', StringComparison.Ordinal);
}
