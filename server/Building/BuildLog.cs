namespace Stencil.Server.Building;

/// <summary>
/// What a build logged, in order. The task replays it into MSBuild's log; the server sends it back whole, once the build
/// is over, so a build that falls back to the task's process never leaves half a log behind.
/// </summary>
public sealed class BuildLog
{
    private readonly List<LogEntry> _entries = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get { lock (_entries) return [.. _entries]; }
    }

    public bool HasLoggedErrors { get; private set; }

    public void Add(LogEntry entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
            if (entry.Kind == LogKind.Error) HasLoggedErrors = true;
        }
    }

    public void Error(string code, string text, string? file = null, int line = 0, int column = 0) =>
        Add(new LogEntry(LogKind.Error, text, code, file, line, column));

    public void Warning(string code, string text, string? file = null, int line = 0, int column = 0) =>
        Add(new LogEntry(LogKind.Warning, text, code, file, line, column));

    public void Message(string text, LogImportance importance = LogImportance.Normal) =>
        Add(new LogEntry(LogKind.Message, text, Importance: importance));
}
