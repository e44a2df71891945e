using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stencil.Cli.Output;

/// <summary>The one JSON shape of every <c>--json</c> output: camelCase, indented, enums by name.</summary>
public static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Write<T>(TextWriter output, T value) =>
        output.WriteLine(JsonSerializer.Serialize(value, Options));
}
