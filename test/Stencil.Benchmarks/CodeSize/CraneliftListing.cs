using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Stencil.Benchmarks.CodeSize;

/// <summary>
/// Cranelift's code size for one function, recovered from the <c>; Disassembled:</c> block of a precise-output file
/// test. The listing is Capstone's AT&T text, so each instruction is re-assembled by GNU <c>as</c> behind its own label
/// and the object's symbols give every instruction's length. Cranelift's block labels (<c>; block1: ; offset 0x4</c>)
/// are ground truth: the size is the last label's offset plus the assembled length after it. Branch and call targets
/// stay absolute addresses, which <c>as</c> always encodes as rel32, the only label form Cranelift's x64 emitter uses.
/// Constants in the pool after the code count too (the furthest rip-relative operand's end), since Stencil has none
/// and loads its constants with instructions instead.
/// </summary>
public sealed partial class CraneliftListing
{
    private CraneliftListing(List<(bool IsLabel, int Offset, string Text, bool External)> items) => _items = items;

    private readonly List<(bool IsLabel, int Offset, string Text, bool External)> _items;

    /// <summary>The <c>movq %rbp, %rsp</c> instructions before a <c>popq %rbp</c>: 3 bytes each that Stencil's epilogue leaves out.</summary>
    public int RedundantEpilogueMoves
    {
        get
        {
            int n = 0;
            var insns = _items.Where(i => !i.IsLabel).Select(i => i.Text).ToList();
            for (int k = 0; k + 1 < insns.Count; k++)
                if (insns[k] == "movq %rbp, %rsp" && insns[k + 1] == "popq %rbp") n++;
            return n;
        }
    }

    /// <summary>The listing's lines after <c>; Disassembled:</c> (comment text, semicolon included), or null without a block.</summary>
    public static CraneliftListing? FromComments(IEnumerable<string> comments)
    {
        List<(bool, int, string, bool)>? items = null;
        foreach (var raw in comments)
        {
            if (items is null)
            {
                if (raw.StartsWith("; Disassembled:", StringComparison.Ordinal)) items = [];
                continue;
            }
            if (!raw.StartsWith("; ", StringComparison.Ordinal) || raw.StartsWith(";;", StringComparison.Ordinal)) break;
            if (Label().Match(raw) is { Success: true } m)
            {
                items.Add((true, int.Parse(m.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture), "", false));
                continue;
            }
            var body = raw[2..].Trim();
            if (body.Length == 0) continue;
            var parts = body.Split(" ; ");
            items.Add((false, 0, parts[0].Trim(), parts.Skip(1).Any(p => p.Trim().StartsWith("reloc_external", StringComparison.Ordinal))));
        }
        return items is { Count: > 0 } ? new CraneliftListing(items) : null;
    }

    /// <summary>Sizes of several listings from one <c>as</c> run (null where <c>as</c> refused a line after the last label).</summary>
    public static int?[] Measure(IReadOnlyList<CraneliftListing> listings, string scratch)
    {
        var entries = new List<(string Symbol, string? Text)>();
        var symbols = new List<(string[] Insns, string End)>();
        for (int f = 0; f < listings.Count; f++)
        {
            var texts = GasTexts(listings[f]._items.Where(i => !i.IsLabel).Select(i => i.Text).ToList());
            var insns = new string[texts.Count];
            for (int k = 0; k < texts.Count; k++)
            {
                insns[k] = $"F{f}_I{k}";
                entries.Add((insns[k], texts[k]));
            }
            entries.Add(($"F{f}_END", null));
            symbols.Add((insns, $"F{f}_END"));
        }
        var (addresses, failed) = Assemble(entries, scratch);
        var failedSymbols = failed.Select(i => entries[i].Symbol).ToHashSet();
        var sizes = new int?[listings.Count];
        for (int f = 0; f < listings.Count; f++)
        {
            var (insns, end) = symbols[f];
            long start = insns.Length > 0 ? addresses[insns[0]] : addresses[end];
            var bounds = insns.Select(s => (int)(addresses[s] - start)).Append((int)(addresses[end] - start)).ToArray();
            int k = 0, lastK = 0, lastOffset = 0;
            foreach (var item in listings[f]._items)
            {
                if (item.IsLabel) (lastK, lastOffset) = (k, item.Offset);
                else k++;
            }
            if (insns.Skip(lastK).Any(failedSymbols.Contains)) continue;
            int size = lastOffset + bounds[^1] - bounds[lastK];
            // Offsets of each instruction's end, anchored at the nearest label before it, locate rip-relative constants.
            int poolEnd = 0, anchorK = 0, anchorOffset = 0;
            k = 0;
            foreach (var item in listings[f]._items)
            {
                if (item.IsLabel) { (anchorK, anchorOffset) = (k, item.Offset); continue; }
                int next = anchorOffset + bounds[k + 1] - bounds[anchorK];
                k++;
                if (item.External || item.Text.StartsWith("lea", StringComparison.Ordinal)) continue;
                if (Rip().Match(item.Text) is { Success: true } m)
                {
                    int disp = m.Groups[1].Success ? ParseInt(m.Groups[1].Value) : 0;
                    if (next + disp > 0) poolEnd = Math.Max(poolEnd, next + disp + AccessWidth(item.Text));
                }
            }
            sizes[f] = Math.Max(size, poolEnd);
        }
        return sizes;
    }

    private static int ParseInt(string text)
    {
        bool negative = text.StartsWith('-');
        var digits = negative ? text[1..] : text;
        int v = digits.StartsWith("0x", StringComparison.Ordinal)
            ? int.Parse(digits.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : int.Parse(digits, CultureInfo.InvariantCulture);
        return negative ? -v : v;
    }

    /// <summary>Bytes a rip-relative constant operand reads (the pool's end when Capstone's listing stops early).</summary>
    private static int AccessWidth(string text)
    {
        var mnemonic = text.Split(' ')[0];
        var b = mnemonic.StartsWith('v') && text.Contains("%xmm") ? mnemonic[1..] : mnemonic;
        if (b == "movq" && text.Contains("%xmm")) return 8;
        if (b == "movd") return 4;
        if (b.EndsWith("sd", StringComparison.Ordinal) || b.StartsWith("cvtsd", StringComparison.Ordinal)) return 8;
        if (b.EndsWith("ss", StringComparison.Ordinal) || b.StartsWith("cvtss", StringComparison.Ordinal)) return 4;
        if (text.Contains("%xmm")) return 16;
        if (text.Contains("%ymm")) return 32;
        return mnemonic[^1] switch { 'q' => 8, 'l' => 4, 'w' => 2, 'b' => 1, _ => 8 };
    }

    private static readonly string[] Gpr64 = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"];

    /// <summary>
    /// GNU as text per instruction. Capstone prints both <c>D1 /5</c> and <c>C1 /5 01</c> as <c>shrq $1, %reg</c>; Cranelift's
    /// lowering rules pick <c>D1</c> (as <c>as</c> does) except in its hand-written u64-to-float sequence, recognised by the
    /// <c>andq $1</c> that follows, which is written out as bytes.
    /// </summary>
    private static List<string> GasTexts(List<string> insns)
    {
        var result = new List<string>(insns.Count);
        for (int i = 0; i < insns.Count; i++)
        {
            var m = ShiftByOne().Match(insns[i]);
            int r = m.Success ? Array.IndexOf(Gpr64, m.Groups[1].Value) : -1;
            if (r >= 0 && insns.Skip(i + 1).Take(3).Any(t => t.StartsWith("andq $1, %", StringComparison.Ordinal)))
            {
                result.Add($".byte 0x{0x48 | (r >> 3):x}, 0xc1, 0x{0xe8 | (r & 7):x}, 0x01");
                continue;
            }
            result.Add(insns[i]);
        }
        return result;
    }

    /// <summary>Assembles the entries (a label each, then its line), dropping lines <c>as</c> refuses until it succeeds.</summary>
    private static (Dictionary<string, long> Addresses, HashSet<int> Failed) Assemble(List<(string Symbol, string? Text)> entries, string scratch)
    {
        var failed = new HashSet<int>();
        var source = Path.Combine(scratch, "f.s");
        var obj = Path.Combine(scratch, "f.o");
        while (true)
        {
            var text = new StringBuilder(".text\n");
            var lineOf = new Dictionary<int, int>();
            int line = 1;
            for (int i = 0; i < entries.Count; i++)
            {
                text.Append(entries[i].Symbol).Append(":\n");
                line++;
                if (entries[i].Text is { } t && !failed.Contains(i))
                {
                    text.Append(t).Append('\n');
                    line++;
                    lineOf[line] = i;
                }
            }
            File.WriteAllText(source, text.ToString());
            var (code, _, stderr) = Run("as", "--64", "-o", obj, source);
            if (code == 0) break;
            int added = 0;
            foreach (Match m in AsError().Matches(stderr))
                if (lineOf.TryGetValue(int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture), out var i) && failed.Add(i)) added++;
            if (added == 0) throw new InvalidOperationException("as failed: " + stderr[..Math.Min(stderr.Length, 2000)]);
        }
        var (nmCode, nmOut, nmErr) = Run("nm", "--defined-only", obj);
        if (nmCode != 0) throw new InvalidOperationException("nm failed: " + nmErr);
        var addresses = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var l in nmOut.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3) addresses[parts[2]] = long.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }
        return (addresses, failed);
    }

    private static (int Code, string Out, string Err) Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }

    [GeneratedRegex(@"^; block\d+: ; offset 0x([0-9a-f]+)$")]
    private static partial Regex Label();

    [GeneratedRegex(@"(-?0x[0-9a-f]+|-?\d+)?\(%rip\)")]
    private static partial Regex Rip();

    [GeneratedRegex(@"^shrq \$1, %(\w+)$")]
    private static partial Regex ShiftByOne();

    [GeneratedRegex(@"f\.s:(\d+): Error: (.*)")]
    private static partial Regex AsError();
}
