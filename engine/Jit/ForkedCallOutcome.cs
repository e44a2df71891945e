namespace Stencil.Engine.Jit;

/// <summary>How a call made by <see cref="ForkedCaller"/> ended.</summary>
/// <param name="Signal">The signal that ended or interrupted the child; 0 when it returned.</param>
/// <param name="FaultAddress">The instruction address of the fault for <see cref="ForkedCallStatus.Trapped"/>.</param>
public readonly record struct ForkedCallOutcome(ForkedCallStatus Status, int Signal, nint FaultAddress, int RawStatus);
