using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PlanPulse.Bench;

/// <summary>One EF query: from execute to reader disposed, i.e. the database's work plus EF's materialisation of every row.</summary>
internal sealed record QueryTiming(string Label, string Sql, IReadOnlyList<(string Name, object? Value)> Parameters, double ExecuteMs, double TotalMs, int Rows);

/// <summary>Times every query EF runs on a context (profiling pass only).</summary>
internal sealed partial class QueryTimer : DbCommandInterceptor
{
    private readonly Dictionary<DbCommand, (long Start, long Executed)> _open = new(ReferenceEqualityComparer.Instance);

    public List<QueryTiming> Timings { get; } = [];

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        _open[command] = (Stopwatch.GetTimestamp(), 0);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _open[command] = (Stopwatch.GetTimestamp(), 0);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Executed(command);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Executed(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        if (_open.Remove(command, out var t))
        {
            var end = Stopwatch.GetTimestamp();
            var parameters = command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList();
            Timings.Add(new QueryTiming(
                Label(command.CommandText),
                command.CommandText,
                parameters,
                Stopwatch.GetElapsedTime(t.Start, t.Executed == 0 ? end : t.Executed).TotalMilliseconds,
                Stopwatch.GetElapsedTime(t.Start, end).TotalMilliseconds,
                eventData.ReadCount));
        }

        return result;
    }

    private void Executed(DbCommand command)
    {
        if (_open.TryGetValue(command, out var t))
        {
            _open[command] = (t.Start, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>The first table the query reads, e.g. "MonthlyReports".</summary>
    private static string Label(string sql)
    {
        var m = FromTable().Match(sql);
        return m.Success ? m.Groups[1].Value : sql.Split('\n')[0];
    }

    [GeneratedRegex("FROM \"(\\w+)\"")]
    private static partial Regex FromTable();
}
