namespace Stencil.Isa.X64;

/// <summary>Two-operand integer ops; Adc/Sbb also read the carry flag.</summary>
internal enum AluOp : byte { Add, Sub, And, Or, Xor, Imul, Adc, Sbb }
