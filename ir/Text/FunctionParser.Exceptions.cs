using Stencil.Ir.Entities;
using static Stencil.Ir.Text.ReaderDiagnosticCodes;

namespace Stencil.Ir.Text;

/// <summary>The operands after a <c>try_call</c>'s argument list:
/// <c>, sig0, block1(ret0), [ tag1: block2(exn0, v3), default: block3(exn0) ]</c>.</summary>
internal sealed partial class FunctionParser
{
    private const string RetPrefix = "ret", ExnPrefix = "exn", TagPrefix = "tag";

    private ExceptionTable ParseExceptionTable()
    {
        Comma();
        var sig = UseDeclared(_ts.Next(), SigRef.Prefix, _sigs, "the callee's signature such as `sig0`");
        Comma();
        var normal = ParseExceptionBlockCall(BlockArgKind.TryCallRet);
        Comma();
        var open = _ts.Next();
        if (open.Kind != TokenKind.LBracket) throw Unexpected(open, "`[` starting the exception table");
        var entries = new List<ExceptionTableEntry>();
        var seenTags = new HashSet<uint>();
        bool seenDefault = false;
        if (_ts.Peek().Kind != TokenKind.RBracket)
        {
            do
            {
                var key = _ts.Next();
                uint? tag;
                if (IsWord(key, "default"))
                {
                    if (seenDefault) throw Fail(DuplicateDefinition, key, "the exception table has two `default` handlers");
                    seenDefault = true;
                    tag = null;
                }
                else if (IsEntity(key, TagPrefix, out uint n))
                {
                    if (!seenTags.Add(n)) throw Fail(DuplicateDefinition, key, $"the exception table has two handlers for `{Span(key)}`");
                    tag = n;
                }
                else if (IsWord(key, "context")) throw Fail(Unsupported, key, "exception table `context` values are not supported");
                else throw Unexpected(key, "an exception handler `tagN: blockM` or `default: blockM`");
                ExpectKind(TokenKind.Colon, $"`:` after `{Span(key)}`");
                entries.Add(new ExceptionTableEntry(tag, ParseExceptionBlockCall(BlockArgKind.TryCallExn)));
            }
            while (TryComma());
        }
        ExpectKind(TokenKind.RBracket, "`,` or `]` closing the exception table");
        return _func.CreateExceptionTable(new ExceptionTableData(sig, normal, [.. entries]));
    }

    private bool TryComma()
    {
        if (_ts.Peek().Kind != TokenKind.Comma) return false;
        _ts.Next();
        return true;
    }

    /// <summary><c>block1(v2, ret0)</c>; <paramref name="placeholder"/> is the one kind of call-defined argument allowed here.</summary>
    private ExceptionBlockCall ParseExceptionBlockCall(BlockArgKind placeholder)
    {
        var block = UseBlock(_ts.Next());
        var args = new List<BlockArg>();
        if (_ts.Peek().Kind == TokenKind.LParen)
        {
            _ts.Next();
            if (_ts.Peek().Kind != TokenKind.RParen)
            {
                args.Add(ParseBlockArg(placeholder));
                while (TryComma()) args.Add(ParseBlockArg(placeholder));
            }
            ExpectKind(TokenKind.RParen, "`,` or `)`");
        }
        return new ExceptionBlockCall(block, [.. args]);
    }

    private BlockArg ParseBlockArg(BlockArgKind placeholder)
    {
        var t = _ts.Peek();
        if (IsEntity(t, RetPrefix, out uint n) || IsEntity(t, ExnPrefix, out n))
        {
            _ts.Next();
            var kind = Span(t).StartsWith(RetPrefix, StringComparison.Ordinal) ? BlockArgKind.TryCallRet : BlockArgKind.TryCallExn;
            if (kind != placeholder)
                throw Fail(UnexpectedToken, t, kind == BlockArgKind.TryCallRet
                    ? $"`{Span(t)}` names a return value, which only the normal-return destination receives"
                    : $"`{Span(t)}` names an exception payload, which only handler destinations receive");
            if (n > MaxEntityNumber) throw Fail(BadImmediate, t, $"`{Span(t)}` is out of range");
            return new BlockArg(kind, n);
        }
        if (IsEntity(t, Value.Prefix, out _)) return BlockArg.Of(NextValue());
        throw Unexpected(t, placeholder == BlockArgKind.TryCallRet ? "a value or `retN`" : "a value or `exnN`");
    }
}
