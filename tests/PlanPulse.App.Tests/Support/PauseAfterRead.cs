using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PlanPulse.App.Tests.Support;

/// <summary>
/// Pauses a context right after it has read from a table for the first time (when the reader closes), until the
/// test releases it: lets a test run another context's whole save in between, deterministically.
/// </summary>
public sealed class PauseAfterRead(string table) : DbCommandInterceptor
{
    private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _hits;

    /// <summary>Completes when the paused context has read the table and is waiting.</summary>
    public Task Paused => _paused.Task;

    public void Release() => _released.TrySetResult();

    public override async ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        if (command.CommandText.Contains($"FROM \"{table}\"", StringComparison.Ordinal) && Interlocked.Increment(ref _hits) == 1)
        {
            _paused.TrySetResult();
            await _released.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        return result;
    }
}
