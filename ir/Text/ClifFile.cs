namespace Stencil.Ir.Text;

/// <summary>A parsed <c>.clif</c> file: header lines in order of kind, and the functions in file order.</summary>
public sealed record ClifFile(
    string? FileName,
    IReadOnlyList<ClifTestCommand> TestCommands,
    IReadOnlyList<ClifSetting> Settings,
    IReadOnlyList<ClifTarget> Targets,
    IReadOnlyList<ClifFunction> Functions,
    IReadOnlyList<ClifComment> HeaderComments);
