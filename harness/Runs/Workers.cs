using System.Text;

namespace Conformance.Harness.Runs;

/// <summary>Claims side by side. A claim counts segments, fills accept queues and send buffers and holds ports in
/// TIME_WAIT, so claims that share a loopback disturb each other; the rows of a run are split among a few test
/// processes, and each process runs in a network namespace of its own, which starts with the caller's
/// namespace-scoped settings (every writable net.ipv4, net.ipv6 and net.core value) so that a changed sysctl still
/// moves the cell. Where no namespace can be made (not root, a container without CAP_SYS_ADMIN, not Linux) the claims
/// still run side by side on the one loopback, except those the catalogue says a neighbour could disturb, which run
/// alone afterwards. One script does it all, on the host and inside containers and guests.</summary>
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

    /// <summary>In a shell expression for how many processes run at once: the number of processes.</summary>
    public const string All = "{all}";

    /// <summary>The test processes of a run, for each way the workers' script may run them: every row spread over
    /// <see cref="Isolated"/> where each process gets a network namespace of its own; where the claims share one loopback, the rows of claims that may have neighbours spread
    /// over <see cref="Shared"/>, side by side, and then the rows of the claims that run alone (the catalogue's
    /// <c>alone</c>), one process after another in <see cref="Alone"/>.</summary>
    public sealed record Split(IReadOnlyList<Worker> Isolated, IReadOnlyList<Worker> Shared, IReadOnlyList<Worker> Alone, IReadOnlyList<CatalogueEntry> AloneClaims);

    /// <summary>How many processes share a run: claims mostly wait on timers and peers, not on the CPU, so five to a
    /// core (measured on two cores: a run's wall time fell from about 10 s with eight to under 9 s with ten, the longest
    /// project's processes then ending sooner than the start-ups of two more cost); every process costs a start-up, so
    /// not many more.</summary>
    public static int Count => Math.Clamp(Environment.ProcessorCount * 5, 2, 12);

    /// <summary>How many processes a payload's rows are split into: one per claim project (the fewest there can be),
    /// as a guest under software emulation pays heavily for every process it starts.</summary>
    public const int InAPayload = 1;

    /// <summary>What a row that waits only for loopback's answers weighs, in milliseconds (a typical claim run here,
    /// its share of the process's start-up included).</summary>
    private const int OrdinaryMs = 40;

    /// <summary>The rows split into about <paramref name="count"/> processes for each way of running them.</summary>
    public static Split Of(Catalogue catalogue, IReadOnlyList<ClaimProject> projects, int count)
    {
        var cells = ClaimRows.Cells(catalogue).Select(c => new Cell(c.Row.Claim, ClaimRows.Key(c.Row.Claim.Id, c.Row.Family, c.Layer), Weight(c.Row.Claim, c.Layer))).ToList();
        return new Split(
            Plan(cells, projects, count),
            Plan([.. cells.Where(c => c.Claim.Alone is null)], projects, count),
            Plan([.. cells.Where(c => c.Claim.Alone is not null)], projects, 1),
            [.. catalogue.Claims.Where(c => c.Alone is not null)]);
    }

    /// <summary>A row and how long it is expected to take: its claim's protocol wait where the layer runs it, a
    /// moment where the layer only records that it cannot ask.</summary>
    private sealed record Cell(CatalogueEntry Claim, string Key, int Weight);

    private static int Weight(CatalogueEntry claim, string? layer) => claim.RunsAt(layer) ? claim.Waits?.Ms ?? OrdinaryMs : 1;

    /// <summary>Each project's rows over processes of its own. Every project starts with one; the one expected to end
    /// last gets another while that brings its end forward and the count allows. Within a project, the longest rows
    /// are placed first, each in the process with the least so far (in catalogue order among equals), so a claim's
    /// long runs over IPv4 and IPv6 and at each layer go to different processes. The plan depends on the catalogue
    /// only, never on a previous run.</summary>
    private static List<Worker> Plan(IReadOnlyList<Cell> cells, IReadOnlyList<ClaimProject> projects, int count)
    {
        var groups = projects.Select(p => (Project: p, Cells: cells.Where(c => p.Holds(c.Claim)).ToList())).Where(g => g.Cells.Count > 0).ToList();
        var shares = groups.Select(_ => 1).ToArray();
        while (shares.Sum() < count)
        {
            var ends = groups.Select((g, i) => End(Assign(g.Cells, shares[i]))).ToArray();
            var last = Array.IndexOf(ends, ends.Max());
            if (shares[last] >= groups[last].Cells.Count || End(Assign(groups[last].Cells, shares[last] + 1)) >= ends[last])
            {
                break; // the last process to end cannot end sooner: more processes would only cost their start-ups
            }

            shares[last]++;
        }

        return [.. groups.SelectMany((g, i) => Assign(g.Cells, shares[i]).Select(bin => new Worker(g.Project, [.. bin.Select(c => c.Key)])))];
    }

    private static List<List<Cell>> Assign(List<Cell> cells, int processes)
    {
        var bins = Enumerable.Range(0, processes).Select(_ => new List<Cell>()).ToList();
        var loads = new int[processes];
        foreach (var cell in cells.OrderByDescending(c => c.Weight)) // a stable sort: catalogue order among equals
        {
            var least = Array.IndexOf(loads, loads.Min());
            bins[least].Add(cell);
            loads[least] += cell.Weight;
        }

        var order = cells.Select((c, i) => (c, i)).ToDictionary(x => x.c.Key, x => x.i);
        return [.. bins.Where(b => b.Count > 0).Select(b => b.OrderBy(c => order[c.Key]).ToList())];
    }

    private static int End(List<List<Cell>> bins) => bins.Max(b => b.Sum(c => c.Weight));

    /// <summary>The rows of <paramref name="split"/> as commands (<paramref name="command"/> gets each worker and a
    /// number unique in the run), in the script that runs them.</summary>
    public static string Script(Split split, Func<Worker, int, IReadOnlyList<string>> command, string prologue = "", string? atOnce = null)
    {
        var n = 0;
        List<IReadOnlyList<string>> Commands(IReadOnlyList<Worker> workers) => [.. workers.Select(w => command(w, n++))];
        var aloneIds = string.Join(", ", split.AloneClaims.Select(c => c.Id));
        return Script(new Batches(Commands(split.Isolated), Commands(split.Shared), Commands(split.Alone),
            split.AloneClaims.Count == 0 ? "" : $"{split.AloneClaims.Count} claims that run alone ({aloneIds})",
            [.. split.AloneClaims.Select(c => $"alone: {c.Id}: {c.Alone}")]), prologue, atOnce);
    }

    /// <summary>The same <paramref name="commands"/> in every mode, with nothing to run alone.</summary>
    public static string Script(IReadOnlyList<IReadOnlyList<string>> commands, string prologue = "", string? atOnce = null) =>
        Script(new Batches(commands, commands, [], "", []), prologue, atOnce);

    /// <summary>The commands of each mode; <see cref="AloneWhat"/> names the claims the alone processes run, and
    /// <see cref="AloneWhy"/> is a line for each with its reason, printed when they run.</summary>
    private sealed record Batches(IReadOnlyList<IReadOnlyList<string>> Isolated, IReadOnlyList<IReadOnlyList<string>> Shared,
        IReadOnlyList<IReadOnlyList<string>> Alone, string AloneWhat, IReadOnlyList<string> AloneWhy);

    /// <summary>The POSIX shell script that runs the test processes: side by side, each in a network namespace of its
    /// own, where this machine allows it; where it does not, the claims with no neighbour to fear side by side on the
    /// one loopback and then the others alone. Asked to run serially, it runs the same processes, isolated the same
    /// way, one at a time, so a serial run differs from a concurrent one in nothing but concurrency. Its first line of
    /// output says which, and why.</summary>
    /// <param name="prologue">Lines run first, in the script's own shell (a payload's cd and exports).</param>
    /// <param name="atOnce">A shell expression for how many processes may run at once (<see cref="All"/> in it stands for
    /// the number of processes): all of them when not given, as the claims mostly wait; a payload lets
    /// <see cref="RunContract.AtOnce"/> lower it.</param>
    private static string Script(Batches batches, string prologue, string? atOnce)
    {
        var script = new StringBuilder(Preamble.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("#PROLOGUE\n", prologue, StringComparison.Ordinal));
        script.Append("if [ \"$mode\" = isolated ]; then\n");
        SideBySide(script, batches.Isolated, atOnce, "each in a network namespace of its own with this namespace's net.* settings", "isolated");
        script.Append("else\n");
        var alone = batches.Alone.Count == 0 ? "" : $", then {batches.Alone.Count} with the {batches.AloneWhat}, one after another";
        SideBySide(script, batches.Shared, atOnce, $"on one loopback ($why){alone}", "");
        foreach (var line in batches.AloneWhy)
        {
            script.Append($"  echo {Quote(["conformance: " + line])}\n");
        }

        foreach (var command in batches.Alone)
        {
            script.Append($"  {Quote(command)} || status=1\n");
        }

        script.Append("fi\nexit $status\n");
        return script.ToString();
    }

    /// <summary>Starts <paramref name="commands"/> in the background, no more than the limit at once (one when a serial
    /// run is asked for), and waits for all.</summary>
    private static void SideBySide(StringBuilder script, IReadOnlyList<IReadOnlyList<string>> commands, string? atOnce, string how, string wrapper)
    {
        var all = commands.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        script.Append($"  at_once={(atOnce ?? All).Replace(All, all, StringComparison.Ordinal)} serially=\n");
        script.Append($"  if [ \"${{{RunContract.Serial}:-}}\" = 1 ]; then at_once=1 serially=\" ({RunContract.Serial} is set)\"; fi\n");
        script.Append($"  export {RunContract.RunMode}=\"{commands.Count} test processes, $at_once at a time$serially, {how}\"\n");
        script.Append($"  echo \"conformance: ${RunContract.RunMode}\"\n");
        script.Append("  pids=\n");
        foreach (var command in commands)
        {
            // At the limit, wait for the oldest still counted before starting the next.
            script.Append("  set -- $pids; if [ $# -ge \"$at_once\" ]; then wait \"$1\" || status=1; shift; pids=\"$*\"; fi\n");
            script.Append($"  {(wrapper.Length > 0 ? wrapper + " " : "")}{Quote(command)} &\n  pids=\"$pids $!\"\n");
        }

        script.Append("  for pid in $pids; do wait \"$pid\" || status=1; done\n");
    }

    private static string Quote(IEnumerable<string> words) => string.Join(' ', words.Select(w => "'" + w.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    /// <summary>Decides the mode and reads the settings to carry: every writable value under net.ipv4, net.ipv6 and
    /// net.core, and of the per-interface ones those of all, default and lo (a new namespace has only lo).</summary>
    private static readonly string Preamble = $$"""
        #!/bin/sh
        # Runs the claim test processes of one run; written by the harness (harness/Runs/Workers.cs).
        #PROLOGUE
        status=0 pids= mode=shared why=
        settings=$(mktemp) || exit 2
        trap 'rm -f "$settings"' EXIT
        if [ "$(uname -s)" != Linux ]; then why="network namespaces are Linux's"
        elif [ "$(id -u)" != 0 ]; then why="a network namespace needs root"
        elif ! command -v unshare >/dev/null || ! command -v ip >/dev/null; then why="needs util-linux's unshare and iproute2's ip"
        elif ! unshare --net ip link set lo up 2>/dev/null; then why="no network namespace can be made here (a container without CAP_SYS_ADMIN)"
        else mode=isolated
        fi
        if [ "$mode" = isolated ]; then
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
