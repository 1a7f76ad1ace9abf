namespace Conformance.Harness.Kernels;

/// <summary>How a sweep's guests are run: QEMU with KVM for as long as KVM has shown it can run a guest, software
/// emulation from the first sign that it cannot. /dev/kvm opening proves nothing: on a nested (PVM) host it opens and
/// the guest then hangs without printing a line, and elsewhere QEMU refuses the CPU model at once. So the evidence is
/// the guest's own first console line within <see cref="SignOfLife"/>; one decision serves the rest of the sweep.</summary>
public sealed class Accelerator(string qemu, string kvmDevice)
{
    /// <summary>How long a KVM guest may stay silent. With KVM a kernel prints its banner well under a second after
    /// QEMU starts, even with both cores busy; this bound is all a machine whose KVM cannot run guests pays.</summary>
    public static readonly TimeSpan SignOfLife = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly string? _unopened = Opens(kvmDevice) ? null : $"{kvmDevice} cannot be opened"; // once per sweep
    private string? _refused;

    /// <summary>This machine's QEMU and /dev/kvm.</summary>
    public static Accelerator Here() => new(KernelRunner.Qemu, "/dev/kvm");

    public string Qemu { get; } = qemu;

    /// <summary>Why the guests run under software emulation, or null while KVM is in use.</summary>
    public string? Emulated
    {
        get
        {
            lock (_gate)
            {
                return _refused ?? _unopened;
            }
        }
    }

    public bool Kvm => Emulated is null;

    /// <summary>KVM showed it cannot run a guest: the rest of the sweep is emulated, and says why.</summary>
    public void Refuse(string why)
    {
        lock (_gate)
        {
            _refused ??= $"KVM was tried and {why}";
        }
    }

    private static bool Opens(string device)
    {
        try
        {
            using var kvm = File.Open(device, FileMode.Open, FileAccess.ReadWrite);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
