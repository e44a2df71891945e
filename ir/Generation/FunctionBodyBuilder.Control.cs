using Stencil.Ir.Entities;
using Stencil.Ir.Names;

namespace Stencil.Ir.Generation;

internal sealed partial class FunctionBodyBuilder
{
    /// <summary>Fewest instructions left in the budget before a nested construct is worth starting.</summary>
    private const int MinNestedBudget = 12;

    private void EmitOne(int remaining)
    {
        int roll = _rng.Next(100);
        if (remaining >= MinNestedBudget && _nesting < _options.MaxNesting)
        {
            if (roll < 6 && _loopDepth < _options.MaxLoopDepth && _options.AllowsAll(Opcode.Jump, Opcode.Brif, Opcode.IaddImm, Opcode.IcmpImm)) { Loop(remaining); return; }
            if (roll is >= 6 and < 12 && _options.AllowsAll(Opcode.Jump, Opcode.Brif)) { Diamond(remaining); return; }
            if (roll is >= 12 and < 15 && _options.AllowsAll(Opcode.Jump, Opcode.BrTable)) { Switch(remaining); return; }
        }
        // Calls stay out of loops so that a function's run time stays linear in its callees'.
        if (roll is >= 15 and < 19 && _loopDepth == 0 && _callees.Count > 0 && _calls < _options.MaxCallsPerFunction) { Call(); return; }
        if (roll is >= 19 and < 27 && _slots.Count > 0 && StackOp()) return;
        if (roll is >= 27 and < 31 && Division()) return;
        StraightLine();
    }

    private int NestedBudget(int remaining) => Count + Math.Max(3, _rng.Next(remaining / 3 + 1));

    /// <summary>A counted loop: the header carries the induction variable and an accumulator, the latch
    /// increments the counter and branches back while it is below a constant trip count.</summary>
    private void Loop(int remaining)
    {
        var dfg = _func.Dfg;
        int trips = _rng.Next(1, _options.MaxLoopTrips + 1);
        var counterType = trips < 100 ? Choose(_options.Types) : IrType.I32;
        var accType = RandomType();
        var init = Pick(accType);
        var zero = Const(counterType, 0);
        var header = dfg.MakeBlock();
        var exit = dfg.MakeBlock();
        var counter = dfg.AppendBlockParam(header, counterType);
        var acc = dfg.AppendBlockParam(header, accType);
        Ins.Jump(header, zero, init);

        _cursor.AtBottom(header);
        _nesting++;
        _loopDepth++;
        int mark = _pool.Count;
        Define(counter, needsUse: false);
        Define(acc);
        EmitUntil(NestedBudget(remaining));
        var next = CloseScope(mark, accType);
        var bumped = Ins.IaddImm(counter, 1);
        var more = Ins.IcmpImm(IntCC.UnsignedLessThan, bumped, trips);
        Ins.Brif(more, header, [bumped, next], exit, [next]);
        _loopDepth--;
        _nesting--;

        _cursor.AtBottom(exit);
        Define(dfg.AppendBlockParam(exit, accType));
    }

    /// <summary>If/else (or if without else) joining in a block whose parameter is the arms' result.</summary>
    private void Diamond(int remaining)
    {
        var dfg = _func.Dfg;
        var type = RandomType();
        var cond = Condition();
        var then = dfg.MakeBlock();
        var merge = dfg.MakeBlock();
        if (_rng.Next(10) < 3)
        {
            var passThrough = Pick(type);
            Ins.Brif(cond, then, [], merge, [passThrough]);
            Arm(then, merge, type, remaining);
        }
        else
        {
            var otherwise = dfg.MakeBlock();
            Ins.Brif(cond, then, [], otherwise, []);
            Arm(then, merge, type, remaining / 2);
            Arm(otherwise, merge, type, remaining / 2);
        }
        _cursor.AtBottom(merge);
        Define(dfg.AppendBlockParam(merge, type));
    }

    /// <summary>A <c>br_table</c> over 2–4 cases plus a default, all joining in one block.</summary>
    private void Switch(int remaining)
    {
        var dfg = _func.Dfg;
        var type = RandomType();
        var index = Pick(IrType.I32);
        int cases = _rng.Next(2, 5);
        var targets = new Block[cases + 1];
        for (int i = 0; i < targets.Length; i++) targets[i] = dfg.MakeBlock();
        var merge = dfg.MakeBlock();
        var table = _func.CreateJumpTable(new JumpTableData(BlockCall.To(targets[cases]), targets[..cases].Select(b => BlockCall.To(b)).ToArray()));
        Ins.BrTable(index, table);
        foreach (var target in targets) Arm(target, merge, type, remaining / targets.Length);
        _cursor.AtBottom(merge);
        Define(dfg.AppendBlockParam(merge, type));
    }

    private void Arm(Block block, Block merge, IrType type, int remaining)
    {
        _cursor.AtBottom(block);
        _nesting++;
        int mark = _pool.Count;
        EmitUntil(NestedBudget(Math.Max(remaining, 1)));
        var result = CloseScope(mark, type);
        Ins.Jump(merge, result);
        _nesting--;
    }

    /// <summary>A branch condition: a fresh comparison most of the time, else any integer value.</summary>
    private Value Condition()
    {
        if (_rng.Next(4) == 0 || !_options.Allows(Opcode.Icmp)) return Pick(RandomType());
        var type = RandomType();
        return Ins.Icmp((IntCC)_rng.Next(10), Pick(type), Pick(type));
    }

    private void Call()
    {
        var callee = Choose(_callees);
        if (!_imported.TryGetValue(callee.Symbol, out var fref))
        {
            fref = _func.ImportUserFunction(UserExternalName.FromSymbol(callee.Symbol), callee.Signature.Clone());
            _imported.Add(callee.Symbol, fref);
        }
        var args = callee.Signature.Params.Select(p => Pick(p.Type)).ToArray();
        var inst = Ins.Call(fref, args);
        foreach (var r in _func.Dfg.InstResults(inst)) Define(r);
        _calls++;
    }
}
