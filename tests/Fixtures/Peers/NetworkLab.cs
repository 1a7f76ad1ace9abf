using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Posix;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Fixtures.Peers;

/// <summary>Two test hosts the scenario owns: network namespaces A and B joined by a veth pair, with addresses
/// of TEST-NET-1 (RFC 5737, 192.0.2.0/24) that exist only inside them. Sockets are created on a thread that
/// has entered a namespace with setns() (namespaces are per thread), then used from anywhere. Needs root on
/// Linux and iproute2's `ip`; everything is removed on dispose.</summary>
public sealed class NetworkLab : IDisposable
{
    public static readonly IPAddress AddressA = IPAddress.Parse("192.0.2.1");
    public static readonly IPAddress AddressB = IPAddress.Parse("192.0.2.2");
    public static readonly IPAddress Broadcast = IPAddress.Parse("192.0.2.255");

    private const int CloneNewNet = 0x40000000;
    private static int _count;
    private readonly string _a;
    private readonly string _b;
    private string _link = "veth0";
    private int _cables;

    private NetworkLab(string prefix)
    {
        _a = prefix + "a";
        _b = prefix + "b";
    }

    /// <summary>Why the first lab of this process could not have its cable (a kernel without veth), kept so that the next
    /// lab claims say so at once instead of building namespaces to find out again (each `ip` a process start, slow in an
    /// emulated guest).</summary>
    private static string? _noCable;

    /// <summary>Why a lab cannot be made here, or null when it can.</summary>
    public static string? Unavailable()
    {
        if (_noCable is not null)
        {
            return _noCable;
        }

        if (!OperatingSystem.IsLinux())
        {
            return "needs Linux network namespaces";
        }

        if (!Privileges.IsRoot)
        {
            return "needs root to create network namespaces (run the suite as root on Linux)";
        }

        if (!HasCapabilities(CapNetAdmin, CapSysAdmin))
        {
            return "needs CAP_NET_ADMIN and CAP_SYS_ADMIN to create network namespaces, which a container started without them lacks";
        }

        return Ip.Path is null ? "needs iproute2's `ip` command (apt-get install iproute2)" : null;
    }

    private const int CapNetAdmin = 12;
    private const int CapSysAdmin = 21;

    /// <summary>Reads the effective capability set (CapEff in /proc/self/status, capabilities(7)).</summary>
    private static bool HasCapabilities(params int[] capabilities)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
        if (line is null || !ulong.TryParse(line[7..].Trim(), System.Globalization.NumberStyles.HexNumber, null, out var effective))
        {
            return false;
        }

        return capabilities.All(c => (effective & (1UL << c)) != 0);
    }

    public static NetworkLab Create()
    {
        var lab = new NetworkLab($"conf{Environment.ProcessId}n{Interlocked.Increment(ref _count)}");
        try
        {
            lab.Build();
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    private void Build()
    {
        Ip.Run("netns", "add", _a);
        Ip.Run("netns", "add", _b);
        Cable();
    }

    /// <summary>Joins A and B with a new veth pair (the cable) and gives each end its host's address.</summary>
    private void Cable()
    {
        try
        {
            Ip.Run("link", "add", _link, "netns", _a, "type", "veth", "peer", "name", _link, "netns", _b);
        }
        catch (ScenarioException e)
        {
            // A kernel built without veth (or without its module at hand) cannot make the lab: nothing to observe.
            // The namespaces' names carry the process id: named by role, the note is the same on every run.
            var why = e.Message.Replace(_a, "<host A>", StringComparison.Ordinal).Replace(_b, "<host B>", StringComparison.Ordinal);
            _noCable = $"cannot create a veth pair here: {why}";
            throw new Claims.ClaimNotObservedException(Verdict.Inconclusive, _noCable);
        }

        foreach (var (ns, address) in new[] { (_a, AddressA), (_b, AddressB) })
        {
            Ip.Run("-n", ns, "addr", "add", $"{address}/24", "brd", "+", "dev", _link);
            Ip.Run("-n", ns, "link", "set", "lo", "up");
            Ip.Run("-n", ns, "link", "set", _link, "up");
        }
    }

    /// <summary>Runs <paramref name="create"/> inside host A (or B) and returns what it made.</summary>
    public T InA<T>(Func<T> create) => In(_a, create);

    public T InB<T>(Func<T> create) => In(_b, create);

    /// <summary>A TCP socket of host B listening on <see cref="AddressB"/>, at a port of its own.</summary>
    public LayerSocket ListenerOnB() => Sockets.SetUp(InB(() => Sockets.Tcp(AddressFamily.InterNetwork)), listener =>
    {
        listener.Bind(new IPEndPoint(AddressB, 0)).Expect("bind() on host B");
        listener.Listen(4).Expect("listen() on host B");
    });

    /// <summary>Pulls B's cable: its end of the veth pair goes down and nothing crosses any more.</summary>
    public void DisconnectB() => Ip.Run("-n", _b, "link", "set", _link, "down");

    /// <summary>The link's MTU, at both ends of the cable.</summary>
    public void SetMtu(int mtu)
    {
        foreach (var ns in new[] { _a, _b })
        {
            Ip.Run("-n", ns, "link", "set", _link, "mtu", mtu.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Reboots host B as far as the network can tell: its namespace, with every connection its stack knew, is
    /// replaced by a new one with the same address, on a new cable (the old one dies with the namespace, A's end with
    /// it). B's sockets must be closed first: a namespace lives on while a socket holds it.</summary>
    public void RebootB()
    {
        Ip.Run("netns", "del", _b);
        var oldEnd = _link;
        if (!Wait.Until(() => Ip.Exec(["-n", _a, "link", "show", oldEnd]).Code != 0, Wait.ExpectedMs))
        {
            throw new ScenarioException($"host B's old cable was still there {Wait.ExpectedMs} ms after its namespace was deleted (a socket of B's still open?)");
        }

        Ip.Run("netns", "add", _b);
        _link = $"veth{++_cables}";
        Cable();
    }

    private static T In<T>(string ns, Func<T> create)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/run/netns/{ns}");
                if (Libc.setns((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new ScenarioException($"setns({ns}) failed with {Sys.Errno.FromNative(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}");
                }

                result = create();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? result : throw failure;
    }

    public void Dispose()
    {
        // Deleting a namespace destroys the veth end inside it, and with it the pair.
        Ip.TryRun("netns", "del", _a);
        Ip.TryRun("netns", "del", _b);
    }

    private static class Ip
    {
        public static string? Path { get; } = new[] { "/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip" }.FirstOrDefault(File.Exists);

        public static void Run(params string[] args)
        {
            var (code, output) = Exec(args);
            if (code != 0)
            {
                throw new ScenarioException($"ip {string.Join(' ', args)} failed: {output.Trim()}");
            }
        }

        public static void TryRun(params string[] args) => Exec(args);

        public static (int Code, string Output) Exec(string[] args)
        {
            var result = ExternalProgram.Run(Path!, args, TimeSpan.FromSeconds(10));
            return (result.Exit ?? -1, result.TimedOut ? "timed out after 10 s" : result.Output);
        }
    }
}
