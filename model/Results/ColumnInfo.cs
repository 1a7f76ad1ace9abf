namespace Conformance.Model;

/// <summary>Where a run shows in the matrix, as the runner that made it declares it: what kind of column it is, the
/// axis the matrix groups it under, its header, and how it ran where that is worth knowing (a guest under software
/// emulation). Written into the results file, so nothing downstream guesses any of it from a platform id.</summary>
public sealed record ColumnInfo
{
    public required string Kind { get; init; }
    public required string Axis { get; init; }
    public required string Label { get; init; }
    public string? Note { get; init; }

    /// <summary>A column of <paramref name="kind"/> (one of <see cref="ColumnKinds.All"/>), on that kind's axis.</summary>
    public static ColumnInfo Of(string kind, string label, string? note = null) =>
        new() { Kind = kind, Axis = ColumnKinds.Get(kind).Axis, Label = label, Note = note };

    /// <summary>What a results file from before columns were declared shows as: a native column named by its id.</summary>
    public static ColumnInfo Undeclared(PlatformInfo platform) => Of(ColumnKinds.Native, platform.Id);
}

/// <summary>A kind of column: how a platform came to run the claims, and the axis its columns belong to.
/// <paramref name="Undocumented"/>, when set, says why the kind's differences from the FAQ are not held to the
/// expectation tables (its lane's approved baseline pins them instead).</summary>
public sealed record ColumnKind(string Name, string Axis, string HowItRuns, string? Undocumented = null);

/// <summary>The axes of the matrix, in the order it shows them, each with what its columns can and cannot show; and
/// the kinds of column that produce them: data, one line per kind. The harness side of a kind (its verb, its columns and how
/// each runs) is one class registered in the harness's ColumnKindRegistry; README's "Adding a column kind" lists the files.</summary>
public static class ColumnKinds
{
    public const string Native = "native";
    public const string Container = "container";
    public const string Sandbox = "sandbox";
    public const string Kernel = "kernel";
    public const string Wine = "wine";
    public const string Runtime = "runtime";
    public const string Predicted = "predicted";

    public static readonly IReadOnlyList<(string Name, string Meaning)> Axes =
    [
        ("native", "the OS itself: this machine, or a CI runner of that OS"),
        ("distro containers", "another distro's userland on the host's kernel (differs in libc, /etc/services, namespace settings; not in the TCP stack)"),
        ("sandbox runtimes", "a container under an OCI runtime other than the engine's default, which may answer socket calls itself instead of the host kernel (here gVisor's runsc, with its own network stack, netstack): the one axis where the TCP stack itself can be another implementation"),
        ("kernels", "another Linux kernel, booted under QEMU with the same userland (differs in the TCP/IP stack itself)"),
        ("wine", "the Windows API as Wine implements it on Linux: a smoke run of the Winsock code path, not Windows"),
        (".NET runtimes", "this machine under an earlier .NET: the OS and its stack are the host's, System.Net.Sockets' code is that release's (its error table, its Unix PAL, its async engine); the raw layer's cells are the host's"),
        ("predicted", "no run yet: what the expectation tables predict for an OS no input has a native column of (the FAQ's value, or the documented difference with its reason and reference), replaced by the OS's own column once its results file is among the inputs; never written to a results file, never gated"),
    ];

    public static readonly IReadOnlyList<ColumnKind> All =
    [
        new(Native, "native", "the claims run directly on this machine or a CI runner (conformance run, dotnet test)"),
        new(Container, "distro containers", "the claims run in a container of another distro (conformance distros)"),
        new(Sandbox, "sandbox runtimes", "the claims run in a container under another OCI runtime (conformance distros, an entry with a runtime)"),
        new(Kernel, "kernels", "the claims run in a QEMU guest booted with another kernel (conformance kernels)"),
        new(Wine, "wine", "the Windows build of the claims runs under Wine (conformance wine)",
            Undocumented: "Wine's answers are Wine's, not Windows': windows.json documents Windows, so Wine's differences are pinned by its lane's approved baseline instead"),
        new(Runtime, ".NET runtimes", "the claims run on this machine under an earlier .NET, published self-contained for it (conformance runtimes)"),
        new(Predicted, "predicted", "nothing runs: the matrix derives the column from the expectation tables (conformance matrix)"),
    ];

    /// <summary>Why <paramref name="column"/>'s undocumented differences are pinned by its lane's baseline instead of
    /// failing (Wine's), or null when they fail; a kind this version does not know is held to the tables.</summary>
    public static string? PinnedByBaseline(ColumnInfo column) => All.FirstOrDefault(k => k.Name == column.Kind)?.Undocumented;

    public static ColumnKind Get(string kind) => All.FirstOrDefault(k => k.Name == kind)
        ?? throw new ArgumentException($"no column kind '{kind}'; the kinds are {string.Join(", ", All.Select(k => k.Name))}", nameof(kind));

    /// <summary>The position of an axis in the matrix; an axis this version does not know goes last.</summary>
    public static int Order(string axis)
    {
        var index = Axes.Select(a => a.Name).ToList().IndexOf(axis);
        return index < 0 ? Axes.Count : index;
    }

    public static string Meaning(string axis) => Axes.FirstOrDefault(a => a.Name == axis).Meaning ?? axis;
}
