namespace Stencil.Ir.Text;

/// <summary>What a CLIF text holds before its first function (see <see cref="ClifReader.ParsePreamble"/>):
/// the header lines in order of kind and the comments, as <see cref="ClifFile"/> would report them.</summary>
public sealed record ClifPreamble(
    IReadOnlyList<ClifTestCommand> TestCommands,
    IReadOnlyList<ClifSetting> Settings,
    IReadOnlyList<ClifTarget> Targets,
    IReadOnlyList<ClifComment> Comments);
