using Stencil.Ir.Entities;
using Stencil.Ir.Names;

namespace Stencil.Ir;

/// <summary>An imported function: its name (by reference for user names), signature, and whether it is
/// known to be in the same object (colocated), which lets the backend use a direct call.</summary>
public sealed record ExtFuncData(ExternalName Name, SigRef Signature, bool Colocated);
