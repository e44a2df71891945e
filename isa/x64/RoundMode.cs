namespace Stencil.Isa.X64;

/// <summary>The rounding-control immediate of SSE4.1 <c>roundss</c>/<c>roundsd</c> (precision exceptions not suppressed, as
/// Cranelift encodes it): nearest (ties to even), down, up, toward zero.</summary>
internal enum RoundMode : byte { Nearest = 0, Down = 1, Up = 2, Zero = 3 }
