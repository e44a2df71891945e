namespace Stencil.Server.Building;

/// <summary>Renders an exception for a build log: type and message of each inner exception, no stack trace.</summary>
public static class ExceptionText
{
    public static string Describe(Exception exception)
    {
        var parts = new List<string>();
        for (Exception? current = exception; current is not null && parts.Count < 4; current = current.InnerException)
            parts.Add($"{current.GetType().Name}: {current.Message}");
        return string.Join(" ---> ", parts);
    }
}
