using Iced.Intel;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.X64;

/// <summary>Lets Iced's encoder append straight into a <see cref="MachBuffer"/>.</summary>
internal sealed class MachBufferCodeWriter(MachBuffer buffer) : CodeWriter
{
    public override void WriteByte(byte value) => buffer.Put1(value);
}
