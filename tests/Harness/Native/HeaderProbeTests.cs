using System.Globalization;
using System.Reflection;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Tables;

namespace Conformance.Harness.Tests.Native;

/// <summary>The raw layer's numbers against this platform's own headers: Probe/headers.c, compiled here with the
/// platform's C compiler (cc; cl on Windows, from a developer prompt), prints every constant, errno value, structure
/// size and field offset the raw layer compiles in, and each must equal this OS family's table. The other tests of
/// the tables restate their literals; this one asks the system, so a wrong Darwin, FreeBSD or Winsock number fails on
/// the first native run, before any claim runs, and a changed Linux number fails here.</summary>
[Category("HeaderProbe")]
public sealed class HeaderProbeTests
{
    private static readonly Lazy<Dictionary<string, string>> Probed = new(Probe);

    [Test]
    public void EverySocketConstantIsTheHeadersValue()
    {
        var constants = SocketConstants.For(OsFamilies.Current);
        var wrong = typeof(SocketConstants).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.Name != nameof(SocketConstants.Os))
            .Select(p => Compare(p.Name, Number(p.GetValue(constants))))
            .OfType<string>();
        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void EveryErrnoNumberIsTheHeadersValue()
    {
        var wrong = ErrnoTables.For(OsFamilies.Current).Numbers.Select(e => Compare(e.Key, e.Value)).OfType<string>();
        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void EveryStructureLayoutIsTheHeadersLayout()
    {
        var os = OsFamilies.Current;
        var expected = new Dictionary<string, long>
        {
            ["sockaddr_in.size"] = SockAddr.In4Size,
            ["sockaddr_in6.size"] = SockAddr.In6Size,
            ["sockaddr_storage.size"] = SockAddr.StorageSize,
            ["pollfd.size"] = StructLayouts.PollFd(os).Size,
            ["pollfd.events"] = StructLayouts.PollFd(os).EventsOffset,
            ["pollfd.revents"] = StructLayouts.PollFd(os).ReventsOffset,
            ["fd_set.size"] = StructLayouts.FdSet(os).Size,
            ["fd_set.fd_array"] = StructLayouts.FdSet(os).ArrayOffset,
            ["linger.size"] = StructLayouts.Linger(os).Size,
            ["linger.l_linger"] = StructLayouts.Linger(os).LingerOffset,
            ["hostent.h_length"] = StructLayouts.HostEnt.LengthOffset,
            ["hostent.h_addr_list"] = StructLayouts.HostEnt.AddrListOffset,
            ["servent.s_port"] = StructLayouts.ServEntPortOffset,
        };
        if (os != OsFamily.Windows)
        {
            var msghdr = StructLayouts.MsgHdr(os);
            expected["msghdr.size"] = msghdr.Size;
            expected["msghdr.msg_iov"] = msghdr.IovOffset;
            expected["msghdr.msg_iovlen"] = msghdr.IovLenOffset;
            expected["msghdr.msg_iovlen.size"] = msghdr.IovLenSize;
            expected["msghdr.msg_flags"] = msghdr.FlagsOffset;
        }

        Assert.That(expected.Select(e => Compare(e.Key, e.Value)).OfType<string>(), Is.Empty);
    }

    /// <summary>null when the probe printed what the table holds; otherwise one line saying both.</summary>
    private static string? Compare(string name, long? table)
    {
        if (!Probed.Value.TryGetValue(name, out var header))
        {
            return $"{name}: the probe does not print it; add it to tests/Harness/Native/Probe/headers.c";
        }

        var ours = table?.ToString(CultureInfo.InvariantCulture) ?? "absent";
        return ours == header ? null : $"{name}: the table says {ours}, the headers {header}";
    }

    private static long? Number(object? value) => value switch
    {
        null => null,
        bool b => b ? 1 : 0,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    private static Dictionary<string, string> Probe()
    {
        var source = Path.Combine(TestContext.CurrentContext.TestDirectory, "Probe", "headers.c");
        var dir = Directory.CreateTempSubdirectory("conformance-probe-");
        try
        {
            var exe = Path.Combine(dir.FullName, OperatingSystem.IsWindows() ? "probe.exe" : "probe");
            var (compiler, args) = OperatingSystem.IsWindows()
                ? ("cl", (string[])["/nologo", "/W3", "/WX", source, $"/Fe:{exe}", $"/Fo:{dir.FullName}\\", "ws2_32.lib"])
                : (Environment.GetEnvironmentVariable("CC") ?? "cc", ["-Wall", "-Werror", "-o", exe, source]);
            ProgramResult built;
            try
            {
                built = ExternalProgram.Run(compiler, args, TimeSpan.FromMinutes(2), workingDirectory: dir.FullName);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return NoCompiler(compiler);
            }

            Assert.That(built.Exit, Is.EqualTo(0), $"{compiler} could not build the header probe:\n{built.Output}");
            var ran = ExternalProgram.Run(exe, [], TimeSpan.FromSeconds(30));
            Assert.That(ran.Exit, Is.EqualTo(0), ran.Output);
            return ran.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split(' ', 2))
                .ToDictionary(parts => parts[0], parts => parts[1]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static Dictionary<string, string> NoCompiler(string compiler)
    {
        var why = OperatingSystem.IsWindows()
            ? "cl is not on PATH: run the tests from a Visual Studio developer prompt (the workflow uses ilammy/msvc-dev-cmd)"
            : $"no C compiler '{compiler}' (apt-get install gcc libc6-dev, or set CC)";
        throw Prerequisite.Missing(why, ".ci/run installs it");
    }
}
