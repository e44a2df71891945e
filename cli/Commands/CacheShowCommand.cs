using Stencil.Engine.Building;
using System.CommandLine;
using Spectre.Console;
using Stencil.CacheDb;
using Stencil.Cli.Output;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Keys;

namespace Stencil.Cli.Commands;

/// <summary>
/// <c>stencil cache show [--json] DBFILE KEYPREFIX</c>: one entry's metadata and its decoded compiled stencil
/// (size, relocations, traps and a disassembly). Relocation targets are shown as the stencil holds them
/// (<c>userextname0</c>, …): the names they stand for belong to each function that uses the entry.
/// </summary>
public static class CacheShowCommand
{
    public static Command Create(CliConsole console)
    {
        var db = CommonSymbols.DbFile();
        var prefix = new Argument<string>("KEYPREFIX") { Description = "The entry's key, or a unique prefix of it (hex)." };
        prefix.Validators.Add(result =>
        {
            var text = result.GetValue(prefix) ?? "";
            if (text.Length is 0 or > CacheKey.Size * 2 || !text.All(Uri.IsHexDigit))
                result.AddError($"KEYPREFIX must be 1 to {CacheKey.Size * 2} hexadecimal digits, not '{text}'.");
        });
        var json = CommonSymbols.Json();
        var command = new Command("show", "Show one entry and disassemble its machine code.") { db, prefix, json };
        command.SetAction(parse =>
        {
            using var database = CacheFileAccess.OpenExisting(parse.GetValue(db)!, console, readOnly: true);
            var key = parse.GetValue(prefix)!;
            if (!database.TryGetEntry(key, out var entry, out var payload)) throw NotFound(database, key);

            var view = CachedCodeView.Create(entry, payload);
            if (parse.GetValue(json)) JsonOutput.Write(console.Out, view);
            else Render(console, view);

            if (view.Code is not null) return CliExitCodes.Success;
            ConsoleDiagnostics.Write(console.Error, Diagnostic.Error(BuildDiagnosticCodes.CacheDamaged,
                $"entry {entry.Key} cannot be decoded: {view.Problem}"));
            return CliExitCodes.EnvironmentError;
        });
        return command;
    }

    private static CliException NotFound(CacheDatabase database, string prefix)
    {
        var keys = database.FindKeys(prefix, 5);
        var message = keys.Count == 0
            ? $"no cache entry has a key starting with '{prefix}'"
            : $"'{prefix}' matches several cache entries ({string.Join(", ", keys)}{(keys.Count == 5 ? ", …" : "")}); give more digits";
        return new CliException(Diagnostic.Error(BuildDiagnosticCodes.CacheKeyNotFound, message), CliExitCodes.InputError);
    }

    private static void Render(CliConsole console, CachedCodeView view)
    {
        var e = view.Entry;
        var table = new Table().AddColumn("Property").AddColumn("Value");
        void Row(string name, string value) => table.AddRow(new Text(name), new Text(value));
        Row("Key", e.Key);
        Row("Function (last seen)", e.FunctionName);
        Row("Triple", e.Triple);
        Row("Build id", e.BuildId);
        Row("Payload size", $"{e.Size} bytes");
        Row("Created (UTC)", TimeText.Format(e.CreatedUtc));
        Row("Last hit (UTC)", TimeText.Format(e.LastHitUtc));
        Row("Hits", e.HitCount.ToString());
        if (view.Code is { } code)
        {
            Row("Code size", $"{code.CodeSize} bytes");
            Row("Frame size", $"{code.FrameSize} bytes");
            Row("Alignment", code.Alignment.ToString());
        }
        console.Ansi.Write(table);
        if (view.Code is not { } c) return;

        if (c.Relocations.Count > 0)
        {
            var relocs = new Table().AddColumn("Offset").AddColumn("Kind").AddColumn("Target").AddColumn(new TableColumn("Addend").RightAligned());
            foreach (var r in c.Relocations)
                relocs.AddRow(new Text($"{r.Offset:x4}"), new Text(r.Kind), new Text(r.Target), new Text(r.Addend.ToString()));
            console.Ansi.Write(relocs);
        }
        if (c.Traps.Count > 0)
        {
            var traps = new Table().AddColumn("Offset").AddColumn("Trap");
            foreach (var t in c.Traps) traps.AddRow(new Text($"{t.Offset:x4}"), new Text(t.Code));
            console.Ansi.Write(traps);
        }
        if (c.Disassembly is null) console.Out.WriteLine($"(no disassembler for triple '{e.Triple}')");
        else console.Out.Write(c.Disassembly);
    }
}
