using System.Collections;
using Microsoft.Build.Framework;

namespace Stencil.Fault.Tests;

/// <summary>Just enough of MSBuild to run a task in-process and see what it logged.</summary>
internal sealed class RecordingBuildEngine : IBuildEngine
{
    public List<BuildWarningEventArgs> Warnings { get; } = [];
    public List<BuildErrorEventArgs> Errors { get; } = [];
    public List<string> Messages { get; } = [];
    private readonly List<(MessageImportance Importance, string Text)> _messageEvents = [];

    /// <summary>The messages logged at <paramref name="importance"/>: low is what only a detailed log (-v:d) shows.</summary>
    public List<string> MessagesAt(MessageImportance importance)
    {
        lock (Messages) return [.. _messageEvents.Where(m => m.Importance == importance).Select(m => m.Text)];
    }

    public bool ContinueOnError => false;
    public int LineNumberOfTaskNode => 0;
    public int ColumnNumberOfTaskNode => 0;
    public string ProjectFileOfTaskNode => "fault.csproj";

    public void LogErrorEvent(BuildErrorEventArgs e) { lock (Errors) Errors.Add(e); }
    public void LogWarningEvent(BuildWarningEventArgs e) { lock (Warnings) Warnings.Add(e); }
    public void LogMessageEvent(BuildMessageEventArgs e)
    {
        lock (Messages)
        {
            Messages.Add(e.Message ?? "");
            _messageEvents.Add((e.Importance, e.Message ?? ""));
        }
    }
    public void LogCustomEvent(CustomBuildEventArgs e) { lock (Messages) Messages.Add(e.Message ?? ""); }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

    public string Describe() =>
        string.Join("\n", Errors.Select(e => $"error {e.Code}: {e.Message}").Concat(Warnings.Select(w => $"warning {w.Code}: {w.Message}")));
}
