using System.Collections;
using Stencil.Ir.Entities;

namespace Stencil.Ir;

public sealed partial class Layout
{
    /// <summary>
    /// The instructions of a layout in order (<see cref="Insts"/>). A struct with a struct enumerator, so that the
    /// passes that walk every instruction do not allocate an iterator or go through interface calls per instruction;
    /// still an <see cref="IEnumerable{T}"/> for LINQ. Reads the layout as it is at each step.
    /// </summary>
    public readonly struct InstCollection(Layout layout) : IEnumerable<Inst>
    {
        public Enumerator GetEnumerator() => new(layout);

        IEnumerator<Inst> IEnumerable<Inst>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator(Layout layout) : IEnumerator<Inst>
        {
            private int _block = -1;
            private int _inst = -1;
            private List<Inst>? _insts;

            public Inst Current { get; private set; }

            readonly object IEnumerator.Current => Current;

            public bool MoveNext()
            {
                while (true)
                {
                    if (_insts is not null && ++_inst < _insts.Count)
                    {
                        Current = _insts[_inst];
                        return true;
                    }
                    if (++_block >= layout._blocks.Count) return false;
                    _insts = layout._insts[layout._blocks[_block].Index]!;
                    _inst = -1;
                }
            }

            public void Reset()
            {
                _block = -1;
                _inst = -1;
                _insts = null;
            }

            public readonly void Dispose() { }
        }
    }
}
