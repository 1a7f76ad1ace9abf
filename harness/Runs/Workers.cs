using System.Text;

namespace Conformance.Harness.Runs;

/// <summary>Claims side by side. A claim counts segments, fills accept queues and send buffers and holds ports in
/// TIME_WAIT, so claims that share a loopback disturb each other; the rows of a run are split among a few test
/// processes, and each process runs in a network namespace of its own, which starts with the caller's
/// namespace-scoped settings (every writable net.ipv4, net.ipv6 and net.core value) so that a changed sysctl still
/// moves the cell. Where no namespace can be made (not root, a container without CAP_SYS_ADMIN, not Linux) the same
/// processes run one after another, as before. One script does both, on the host and inside containers and guests.</summary>
public static class Workers
{
    /// <summary>One test process: a claim project and the rows it runs, in catalogue order.</summary>
    public sealed record Worker(ClaimProject Project, IReadOnlyList<string> Rows)
    {
        /// <summary>The test filter that selects exactly these rows (test names are the row keys).</summary>
        public string Filter(string? and = null)
        {
            var rows = string.Join('|', Rows.Select(r => $"Name={r}"));
            return and is null ? $"TestCategory=Claim&({rows})" : $"TestCategory=Claim&({rows})&({and})";
        }
    }

    /// <summary>How many processes share a run: claims mostly wait on timers and peers, not on the CPU, so more than
    /// the cores; every process costs a start-up, so not many more.</summary>
    public static int Count => Math.Clamp(Environment.ProcessorCount * 3, 2, 8);

    /// <summary>How many processes a payload's rows are split into: one per claim project (each project's share of 2
    /// rounds to one), as a guest under software emulation pays heavily for every process it starts.</summary>
    public const int InAPayload = 2;

    /// <summary>The rows of every project split into about <paramref name="count"/> processes, each project's share by
    /// its number of rows. Rows go round-robin in catalogue order, so a claim's runs over IPv4 and IPv6 (and its slow
    /// neighbours) land in different processes; the plan depends on the catalogue only, never on a previous run.</summary>
    public static List<Worker> Plan(Catalogue catalogue, IReadOnlyList<ClaimProject> projects, int count)
    {
        var cells = ClaimRows.Cells(catalogue).Select(c => (c.Row.Claim, Key: ClaimRows.Key(c.Row.Claim.Id, c.Row.Family, c.Layer), c.Layer)).ToList();
        var workers = new List<Worker>();
        foreach (var project in projects)
        {
            var rows = cells.Where(c => project.Holds(c.Claim)).Select(c => c.Key).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var share = Math.Max(1, (int)Math.Round((double)count * rows.Count / cells.Count, MidpointRounding.AwayFromZero));
            workers.AddRange(Enumerable.Range(0, share).Select(i => new Worker(project, [.. rows.Where((_, k) => k % share == i)])));
        }

        return workers;
    }

    /// <summary>The POSIX shell script that runs <paramref name="commands"/> (one test process each): side by side, each
    /// in a network namespace of its own, where this machine allows it; one after another where it does not. Its first
    /// line of output says which, and why.</summary>
    /// <param name="prologue">Lines run first, in the script's own shell (a payload's cd and exports).</param>
    /// <param name="atOnce">A shell expression for how many processes may run at once: all of them on the host, where
    /// the claims mostly wait; "$(nproc)" in a guest under software emulation, where every process start is CPU-bound
    /// and more at once than the guest has processors only makes each slower.</param>
    public static string Script(IEnumerable<IReadOnlyList<string>> commands, string prologue = "", string? atOnce = null)
    {
        var list = commands.ToList();
        var script = new StringBuilder(Preamble.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("#PROLOGUE\n", prologue, StringComparison.Ordinal));
        script.Append("if [ \"$isolated\" = yes ]; then\n");
        script.Append($"  at_once={atOnce ?? list.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n");
        script.Append($"  export {RunContract.RunMode}=\"{list.Count} test processes, $at_once at a time, each in a network namespace of its own with this namespace's net.* settings\"\n");
        script.Append($"  echo \"conformance: ${RunContract.RunMode}\"\n");
        foreach (var command in list)
        {
            // At the limit, wait for the oldest still counted before starting the next.
            script.Append("  set -- $pids; if [ $# -ge \"$at_once\" ]; then wait \"$1\" || status=1; shift; pids=\"$*\"; fi\n");
            script.Append($"  isolated {Quote(command)} &\n  pids=\"$pids $!\"\n");
        }

        script.Append("  for pid in $pids; do wait \"$pid\" || status=1; done\nelse\n");
        script.Append($"  export {RunContract.RunMode}=\"{list.Count} test processes one after another ($why)\"\n");
        script.Append($"  echo \"conformance: ${RunContract.RunMode}\"\n");
        foreach (var command in list)
        {
            script.Append($"  {Quote(command)} || status=1\n");
        }

        script.Append("fi\nexit $status\n");
        return script.ToString();
    }

    private static string Quote(IEnumerable<string> words) => string.Join(' ', words.Select(w => "'" + w.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    /// <summary>Decides the mode and reads the settings to carry: every writable value under net.ipv4, net.ipv6 and
    /// net.core, and of the per-interface ones those of all, default and lo (a new namespace has only lo).</summary>
    private static readonly string Preamble = $$"""
        #!/bin/sh
        # Runs the claim test processes of one run; written by the harness (harness/Runs/Workers.cs).
        #PROLOGUE
        status=0 pids= isolated=no why=
        settings=$(mktemp) || exit 2
        trap 'rm -f "$settings"' EXIT
        if [ "${{{RunContract.Serial}}:-}" = 1 ]; then why="{{RunContract.Serial}} is set"
        elif [ "$(uname -s)" != Linux ]; then why="network namespaces are Linux's"
        elif [ "$(id -u)" != 0 ]; then why="a network namespace needs root"
        elif ! command -v unshare >/dev/null || ! command -v ip >/dev/null; then why="needs util-linux's unshare and iproute2's ip"
        elif ! unshare --net ip link set lo up 2>/dev/null; then why="no network namespace can be made here (a container without CAP_SYS_ADMIN)"
        else isolated=yes
        fi
        if [ "$isolated" = yes ]; then
          # grep reads each file whole ("path:value"); the shell's read would take a sysctl one byte at a time,
          # and a sysctl read from an offset gives nothing more.
          grep -rs '' /proc/sys/net/ipv4 /proc/sys/net/ipv6 /proc/sys/net/core | while IFS= read -r line; do
            f=${line%%:*} v=${line#*:}
            case $f in
              */neigh/*) continue ;;
              */conf/*) case $f in */conf/all/* | */conf/default/* | */conf/lo/*) ;; *) continue ;; esac ;;
            esac
            [ -w "$f" ] && printf '%s=%s\n' "$f" "$v"
          done > "$settings"
        fi
        # A new network namespace: loopback up, then every carried setting written (a setting the namespace has no
        # copy of is not there, or refuses the write, and stays the system's).
        isolated() {
          unshare --net -- sh -c '
            ip link set lo up || exit 97
            while IFS= read -r line; do
              f=${line%%=*} v=${line#*=}
              [ -w "$f" ] && printf "%s\n" "$v" > "$f" 2>/dev/null
            done < "$0"
            exec "$@"' "$settings" "$@"
        }

        """;
}
