namespace Stencil.Server.Hosting;

/// <summary>
/// A detached server has no console (its standard streams are closed); what it has to say about its own life (start,
/// refused connections, exit) goes to <c>NAME.log</c> beside its socket, rewritten at each start.
/// </summary>
internal sealed class ServerLog(string path)
{
    private readonly Lock _gate = new();

    public void Write(string message)
    {
        lock (_gate)
        {
            try { File.AppendAllText(path, $"{DateTime.UtcNow:O} [{Environment.ProcessId}] {message}{Environment.NewLine}"); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }
    }
}
