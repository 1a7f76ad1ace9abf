using System.Globalization;

namespace Conformance.Fixtures.Native;

/// <summary>What a system call gave back: its value, or the error it failed with. Nothing in the raw layer
/// throws for an errno; a scenario that needs a call to succeed says so with <see cref="Expect"/>.</summary>
public readonly record struct SysResult(long Value, Errno? Error)
{
    public bool Ok => Error is null;

    public static SysResult Of(long value) => new(value, null);

    public static SysResult Failed(Errno error) => new(-1, error);

    /// <summary>A call was made but its layer shows nothing of its outcome (Socket.Close returns nothing): the
    /// observation is left out, with this reason, never written as a value the layer did not give.</summary>
    public string? NotVisible { get; init; }

    public static SysResult Invisible(string reason) => new(0, null) { NotVisible = reason };

    /// <summary>The value, or a <see cref="ScenarioException"/> naming the step: setup that fails is the
    /// scenario's error, not an observation.</summary>
    public long Expect(string step) =>
        Ok ? Value
        : Error!.IsAbsent ? throw new ApiAbsentException($"{step}: {Error.NativeName}")
        : throw new ScenarioException($"{step} failed with {Error}");

    /// <summary>How the value is recorded in an observation: the number, or the portable error name.</summary>
    public override string ToString() => Error?.Name ?? Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>For calls whose success value carries nothing deterministic (a new descriptor): <c>OK</c> or the error.</summary>
    public string OkOrError => Error?.Name ?? "OK";
}

/// <summary>The scenario itself broke (setup failed, a bounded wait ran out): the claim's verdict is <c>error</c>.</summary>
public sealed class ScenarioException(string message) : Exception(message);

/// <summary>The platform's API has no call the scenario needs (see <see cref="Errno.Absent"/>): the claim is
/// <c>unsupported</c> there, with this message as the reason.</summary>
public sealed class ApiAbsentException(string message) : Exception(message);
