namespace Stencil.Ir.Tests.Interpreter;

internal enum RunOutcome { Pass, Fail, Unsupported }
