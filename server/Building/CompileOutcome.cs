using Stencil.Engine.Building;

namespace Stencil.Server.Building;

/// <summary>How a <see cref="CompileJob"/> ended: whether it succeeded, its summary line, and how long each stage took.</summary>
public sealed record CompileOutcome(bool Succeeded, string? Summary, IReadOnlyList<BuildStage> Stages);
