namespace Conformance.Model;

/// <summary>The contract between whatever starts the claim executables (`conformance run`, a distro container, a
/// kernel guest, Wine, .ci/run) and the test processes that record the claims: the environment variables either side
/// reads, the file the payloads write, and the markers a guest prints its results between. Every name is spelled
/// here and nowhere else in the source (a test checks), so the two sides cannot drift apart.</summary>
public static class RunContract
{
    /// <summary>The folder of the results file, which is then named by the platform id.</summary>
    public const string ResultsDir = "CONFORMANCE_RESULTS_DIR";

    /// <summary>The results file itself, for a runner that reads it back without listing a folder (gVisor's sandbox
    /// fails at listing one here).</summary>
    public const string ResultsFile = "CONFORMANCE_RESULTS_FILE";

    /// <summary>The run the test processes belong to: those of one run merge into one file, and a file left by
    /// another run is started afresh. Without it, a `dotnet test` invocation is the run.</summary>
    public const string RunId = "CONFORMANCE_RUN_ID";

    /// <summary>The lane the results belong to (`conformance run --lane`, the CI workflow).</summary>
    public const string Lane = "CONFORMANCE_LANE";

    /// <summary>The platform id a runner declares for what it started (a kernel guest, a sandbox), instead of the id
    /// the test process would detect. A guest gets it on the kernel command line, which init passes on.</summary>
    public const string PlatformId = "CONFORMANCE_PLATFORM_ID";

    /// <summary>The container runtime a container runner declares ("docker"); never guessed from /.dockerenv.</summary>
    public const string Container = "CONFORMANCE_CONTAINER";

    /// <summary>The OCI runtime and its version when it is not runc ("runsc 0.0~20221219.0").</summary>
    public const string OciRuntime = "CONFORMANCE_OCI_RUNTIME";

    /// <summary>"1" runs the Slow claims (up to 5 minutes each), which are otherwise inconclusive.</summary>
    public const string Slow = "CONFORMANCE_SLOW";

    /// <summary>"1" runs the claim test processes one after another even where each could have a network namespace of
    /// its own side by side (to compare the two, or to rule the concurrency out).</summary>
    public const string Serial = "CONFORMANCE_SERIAL";

    /// <summary>How the claim processes of a run ran, as the workers' script decided ("7 test processes, 7 at a time,
    /// each in a network namespace of its own ..."): the test processes write it into their column's note.</summary>
    public const string RunMode = "CONFORMANCE_RUN_MODE";

    /// <summary>How many claim processes a payload runs at once (default: all of them, as on the host, where the claims
    /// mostly wait); a kernel guest under software emulation gets 1, as guests already run side by side.</summary>
    public const string AtOnce = "CONFORMANCE_AT_ONCE";

    /// <summary>"1" (set by .ci/run) makes a missing shared folder or browser fail the suite's own tests, not skip them.</summary>
    public const string Strict = "CONFORMANCE_STRICT";

    /// <summary>The cache outside the clone: payloads, root filesystems, kernels, initramfs images, the Wine prefix.</summary>
    public const string Cache = "CONFORMANCE_CACHE";

    /// <summary>"1" (set by .ci/run's stage for it) runs the action's steps as a hosted runner would: minutes of
    /// restore, publish and five runs, and a user of its own made when root. Otherwise that test is skipped.</summary>
    public const string ActionTest = "CONFORMANCE_ACTION_TEST";

    /// <summary>"1" lets the distro runner pull registry images the engine does not have.</summary>
    public const string Pull = "CONFORMANCE_PULL";

    /// <summary>What a payload's claim executables merge their claims into, in the results folder.</summary>
    public const string PayloadResults = "latest.json";

    /// <summary>A kernel guest prints its results file, base64, between these two lines on its serial console.</summary>
    public const string ResultsBegin = "===CONFORMANCE-RESULTS-BEGIN===";

    public const string ResultsEnd = "===CONFORMANCE-RESULTS-END===";

    public static bool IsSet(string variable) => Environment.GetEnvironmentVariable(variable) == "1";

    public static string? Value(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;
}
