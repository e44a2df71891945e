namespace Stencil.Server.Building;

public enum LogKind : byte { Message, Warning, Error }

/// <summary>MSBuild's message importances: High shows at minimal verbosity, Low only in a detailed log.</summary>
public enum LogImportance : byte { High, Normal, Low }

/// <summary>
/// One thing a build told its log, in MSBuild's terms (a structured error or warning, or a message), so a build run in
/// the compiler server reaches the user's log exactly as one run in the task would have.
/// </summary>
public sealed record LogEntry(LogKind Kind, string Text, string? Code = null, string? File = null, int Line = 0, int Column = 0,
    LogImportance Importance = LogImportance.Normal);
