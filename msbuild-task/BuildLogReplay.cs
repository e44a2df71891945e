using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Stencil.Server.Building;

namespace Stencil.Build;

/// <summary>Logs what a build logged (here or in the compiler server) as this task's own errors, warnings and messages.</summary>
internal static class BuildLogReplay
{
    public static void Replay(TaskLoggingHelper log, IEnumerable<LogEntry> entries)
    {
        foreach (var e in entries)
        {
            // "{0}" so that braces in a message are never taken for format items.
            switch (e.Kind)
            {
                case LogKind.Error:
                    log.LogError(null, e.Code, null, e.File, e.Line, e.Column, 0, 0, "{0}", e.Text);
                    break;
                case LogKind.Warning:
                    log.LogWarning(null, e.Code, null, e.File, e.Line, e.Column, 0, 0, "{0}", e.Text);
                    break;
                default:
                    log.LogMessage(Importance(e.Importance), "{0}", e.Text);
                    break;
            }
        }
    }

    private static MessageImportance Importance(LogImportance importance) => importance switch
    {
        LogImportance.High => MessageImportance.High,
        LogImportance.Low => MessageImportance.Low,
        _ => MessageImportance.Normal,
    };
}
